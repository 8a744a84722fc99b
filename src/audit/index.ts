export { CHAINS, describeReport, entryHash, GENESIS_HASH, verifyChain, verifyChains, type ChainFault, type ChainName, type ChainReport } from './chain-verification';
export { DatabaseExchangeRecorder, ExchangeLogError } from './exchange-log';
export { ExchangeLogEntry } from './exchange-log.entity';
