import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { healthProto, pluginProto, protocolProto } from './protocol-proto.js';

/** The service definitions the plugin registers. */
export interface PluginServices {
  readonly provider: grpc.ServiceDefinition;
  readonly controller: grpc.ServiceDefinition;
  readonly health: grpc.ServiceDefinition;
}

type Loaded = Record<string, Record<string, { service: grpc.ServiceDefinition }>>;

function load(source: string): grpc.GrpcObject {
  const root = protobuf.parse(source, { keepCase: true }).root;
  return grpc.loadPackageDefinition(
    // int64 fields here are versions and list indexes: numbers are exact enough.
    fromJSON(root.toJSON(), {
      keepCase: true,
      longs: Number,
      enums: String,
      defaults: true,
      oneofs: true,
    }),
  );
}

/** Loads the protocol's services from their interface descriptions. */
export function loadPluginServices(): PluginServices {
  const tf = load(protocolProto) as unknown as Loaded;
  const plugin = load(pluginProto) as unknown as Loaded;
  const health = load(healthProto) as unknown as Record<string, Record<string, Loaded>>;
  const pick = (value: { service: grpc.ServiceDefinition } | undefined): grpc.ServiceDefinition => {
    if (value === undefined) throw new Error('a plugin service is missing from its description');
    return value.service;
  };
  return {
    provider: pick(tf.tfplugin6?.Provider),
    controller: pick(plugin.plugin?.GRPCController),
    health: pick(health.grpc?.health?.v1?.Health),
  };
}
