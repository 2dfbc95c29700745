import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadPluginServices } from '../../src/provider/grpc-services.js';
import { createTestIo } from '../helpers/io.js';
import {
  connectProvider,
  cookie,
  createClientCertificate,
  parseHandshake,
} from './plugin-client.js';
import { bin, createWorkdir } from './terraform-helpers.js';

describe('gcadopt provider as a process (the built bin)', () => {
  it('prints the protocol 6 handshake, accepts only the client certificate it was given, and stops on Shutdown', async () => {
    const client = createClientCertificate();
    const child = spawn(process.execPath, [bin, 'provider'], {
      env: { PATH: process.env.PATH, ...cookie, PLUGIN_CLIENT_CERT: client.certPem },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => void child.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out);
      });
    });
    expect(line).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]+\n$/);
    const { port, certPem } = parseHandshake(line);

    const schema = await connectProvider(port, certPem, client)('GetProviderSchema', {});
    expect(Object.keys(schema.resource_schemas as object)).toEqual([
      'genesyscloud_auth_division',
      'genesyscloud_routing_skill',
    ]);

    const stranger = createClientCertificate();
    await expect(
      connectProvider(port, certPem, stranger)('GetProviderSchema', {}),
    ).rejects.toThrow();
    await expect(
      connectProvider(port, certPem, undefined)('GetProviderSchema', {}),
    ).rejects.toThrow();

    const Controller = grpc.makeGenericClientConstructor(
      loadPluginServices().controller,
      'GRPCController',
    );
    const controller = new Controller(
      `127.0.0.1:${port}`,
      grpc.credentials.createSsl(
        Buffer.from(certPem),
        Buffer.from(client.keyPem),
        Buffer.from(client.certPem),
      ),
      { 'grpc.ssl_target_name_override': 'localhost' },
    ) as unknown as { Shutdown(req: object, cb: (e: Error | null) => void): void; close(): void };
    await new Promise<void>((resolve, reject) =>
      controller.Shutdown({}, (e) => (e === null ? resolve() : reject(e))),
    );
    controller.close();
    expect(await exited).toBe(0);
  }, 60_000);

  it('refuses to run outside Terraform with one line and a hint', async () => {
    const io = createTestIo();
    expect(await main(['provider'], io)).toBe(1);
    expect(io.err()).toBe(
      'gcadopt: gcadopt provider is a Terraform plugin: Terraform starts it, not a person\n' +
        'hint: run `gcadopt provider --cli-config DIR` and point TF_CLI_CONFIG_FILE at the file it writes\n',
    );
    expect(io.out()).toBe('');
  });

  it('--cli-config writes the launcher and a CLI config whose dev_overrides point at it', async () => {
    const dir = createWorkdir({});
    const io = createTestIo({ cwd: dir });
    expect(await main(['provider', '--cli-config', 'plugin'], io)).toBe(0);
    const folder = join(dir, 'plugin');
    accessSync(join(folder, 'terraform-provider-genesyscloud'), constants.X_OK);
    expect(readFileSync(join(folder, 'terraform-provider-genesyscloud'), 'utf8')).toMatch(
      /^#!\/bin\/sh\nexec .+ provider "\$@"\n$/,
    );
    expect(readFileSync(join(folder, 'terraform.rc'), 'utf8')).toContain(
      `dev_overrides {\n    "mypurecloud/genesyscloud" = "${folder}"\n  }`,
    );
    expect(io.out()).toContain(`export TF_CLI_CONFIG_FILE=${join(folder, 'terraform.rc')}\n`);
  });
});
