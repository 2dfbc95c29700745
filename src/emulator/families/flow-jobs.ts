import { randomUUID } from 'node:crypto';
import { parseFlowDefinition } from '../../kinds/flow-yaml.js';
import { requirePermissions } from '../auth.js';
import type { StoredEntity } from '../collection.js';
import type { ApiRequest, Reply } from '../divisions.js';
import { EmulatorError, notFound } from '../errors.js';
import type { FamilyContext } from '../families.js';
import type { OrgStore } from '../store.js';
import { flowsFamily } from './flows.js';

/** Where a job's presigned upload URL points on the emulator (no token: the URL is the grant). */
export const uploadPrefix = '/uploads/architect-jobs/';

interface Job {
  readonly id: string;
  status: 'Started' | 'Success' | 'Failure';
  flow?: { id: string; name: string; selfUri: string };
  messages: { type: string; text: string }[];
}

/**
 * The Architect job the provider creates and updates flows with:
 * `POST /api/v2/flows/jobs` registers a job and answers a presigned URL, a PUT
 * of the flow's YAML to that URL runs it, `GET /api/v2/flows/jobs/{jobId}`
 * reports it. The job resolves the flow by the name and type inside the file:
 * an existing flow of that name and type is republished (the takeover gcadopt
 * reports), any other is created. Jobs finish on upload, and live in memory only.
 */
export class FlowJobs {
  readonly #jobs = new Map<string, Job>();

  /** `POST /api/v2/flows/jobs` and `GET /api/v2/flows/jobs/{jobId}`; undefined for other paths. */
  route(request: ApiRequest, origin: string): Reply | undefined {
    const base = '/api/v2/flows/jobs';
    if (request.path !== base && !request.path.startsWith(`${base}/`)) return undefined;
    const jobId = request.path.slice(base.length + 1);
    if (jobId === '' && request.method === 'POST') {
      requirePermissions(request.client, [flowsFamily.permissions.add]);
      const job: Job = { id: randomUUID(), status: 'Started', messages: [] };
      this.#jobs.set(job.id, job);
      return {
        status: 200,
        body: {
          id: job.id,
          presignedUrl: `${origin}${uploadPrefix}${job.id}`,
          headers: { 'Content-Type': 'application/octet-stream' },
          selfUri: `${base}/${job.id}`,
        },
      };
    }
    if (jobId === '' || jobId.includes('/') || request.method !== 'GET')
      throw new EmulatorError(
        405,
        'method.not.allowed',
        `Method ${request.method} is not allowed here.`,
      );
    if (flowsFamily.permissions.view !== undefined)
      requirePermissions(request.client, [flowsFamily.permissions.view]);
    const job = this.#jobs.get(jobId);
    if (job === undefined) throw notFound(`The job ${jobId} was not found.`);
    return { status: 200, body: { ...job, command: 'publish', selfUri: `${base}/${job.id}` } };
  }

  /** The PUT of a flow's YAML to a job's presigned URL: runs the job. */
  async upload(jobId: string, text: string, store: OrgStore, ctx: FamilyContext): Promise<Reply> {
    const job = this.#jobs.get(jobId);
    if (job === undefined || job.status !== 'Started')
      throw notFound('No upload is expected here.');
    const found = await parseFlowDefinition(text, undefined, 'the flow file');
    if ('unknown' in found) {
      job.status = 'Failure';
      job.messages.push({ type: 'error', text: found.unknown });
      return { status: 200 };
    }
    const collection = store.collection(flowsFamily);
    const created = collection.create({
      ...flowsFamily.fields({ type: found.type }, ctx),
      name: found.name,
      active: true,
      publishedVersion: { id: randomUUID(), version: '1.0' },
    });
    const flow: StoredEntity =
      'ok' in created ? created.ok : republish(collection, created.refused);
    job.status = 'Success';
    job.flow = { id: flow.id, name: flow.name, selfUri: `${flowsFamily.path}/${flow.id}` };
    return { status: 200 };
  }
}

/** The flow of that name and type, published again with a new version. */
function republish(
  collection: ReturnType<OrgStore['collection']>,
  refused: { reason: string; holder?: StoredEntity },
): StoredEntity {
  if (refused.holder === undefined)
    throw new EmulatorError(500, 'internal.server.error', 'The job failed.');
  const current = refused.holder;
  const version = (current.publishedVersion as { version?: string } | undefined)?.version ?? '0.0';
  const updated = collection.update(current.id, {
    ...current,
    active: true,
    publishedVersion: { id: randomUUID(), version: `${Number.parseInt(version, 10) + 1}.0` },
  });
  if (!('ok' in updated)) throw new EmulatorError(500, 'internal.server.error', 'The job failed.');
  return updated.ok;
}
