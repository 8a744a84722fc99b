export { ErrorCode } from './error-code';
export {
  AccessError,
  ConfigError,
  HubError,
  NotImplementedError,
  UpstreamError,
  UserError,
  type UserErrorCode,
} from './errors';
