/** The zap's ABI for calls, the farm's errors beside its own: a farm refusal inside a zap (paused, not an operator) decodes to its sentence. */
import { farmAbi, farmZapAbi } from "./abis.generated";

export const zapCallAbi = [...farmZapAbi, ...farmAbi.filter((item) => item.type === "error")] as const;
