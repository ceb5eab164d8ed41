import type { ApolloServerOptionsWithGateway, ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { ParseOptions, ValidationRule } from "graphql";
import type { Logger } from "pino";
import type { GatewayContext } from "../context";
import { CostRateLimiter } from "./cost-rate-limiter";
import { DEFAULT_LIMITS, type LimitsConfig } from "./limits.config";
import { limitsPlugin } from "./limits.plugin";
import { withDeadline } from "./request-deadline";
import { limitValidationRules } from "./validation.rules";
import type { WsLimitsOptions } from "./ws-limits";

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];

/**
 * Every front-door limit of the gateway (docs/decisions/0016), assembled once from the config and
 * handed to the parts that apply them: Apollo Server (parse options, validation rules, the cost and
 * rate plugin, the deadline around the gateway) and the WebSocket server. With `enabled: false` every part is a pass-through.
 */
export function frontDoorLimits(configured: LimitsConfig | undefined, log: Logger) {
  const config = configured ?? DEFAULT_LIMITS;
  const limiter = CostRateLimiter.create(config, log);
  const on = config.enabled;
  const apollo: {
    parseOptions: ParseOptions;
    validationRules: ValidationRule[];
    plugins: ApolloServerPlugin<GatewayContext>[];
  } = on
    ? {
        parseOptions: { maxTokens: config.maxTokens },
        validationRules: limitValidationRules(config),
        plugins: [limitsPlugin({ config, limiter })],
      }
    : { parseOptions: {}, validationRules: [], plugins: [] };
  const ws: WsLimitsOptions = { config, limiter };
  return {
    config,
    apollo,
    ws,
    /** The per-request deadline around the gateway's executor. */
    gateway: (gateway: GatewayInterface): GatewayInterface =>
      on ? withDeadline(gateway, config.requestTimeoutMs) : gateway,
    close: () => limiter.close(),
  };
}
