/**
 * Brings the farm's lock terms (tiers, early-exit penalty) to the plan's, idempotently: a second
 * run with the same plan sends nothing. Existing locks keep the terms they were made with.
 */
import { type Contract, getAddress, type Signer } from "ethers";

import type { FarmPlan } from "./plan.js";

function sameTiers(current: [bigint[], bigint[]], wanted: NonNullable<FarmPlan["locks"]>["tiers"]): boolean {
  const [durations, boosts] = current;
  return durations.length === wanted.length && wanted.every((tier, i) => durations[i] === tier.blocks && boosts[i] === tier.boostBps);
}

export async function configureLocks(farm: Contract, deployer: Signer, plan: FarmPlan, log: (line: string) => void): Promise<void> {
  const wanted = plan.locks;
  if (!wanted) return;
  const recipient = getAddress(wanted.penaltyRecipient ?? plan.owner ?? (await deployer.getAddress()));
  const [tiers, [penaltyBps, currentRecipient]] = await Promise.all([
    farm.lockTiers() as Promise<[bigint[], bigint[]]>,
    farm.earlyExitPenalty() as Promise<[bigint, string]>,
  ]);
  const tiersDiffer = !sameTiers(tiers, wanted.tiers);
  const penaltyDiffers = penaltyBps !== wanted.penaltyBps || getAddress(currentRecipient) !== recipient;
  if (!tiersDiffer && !penaltyDiffers) return;
  const owner = getAddress(await farm.owner());
  if (owner !== getAddress(await deployer.getAddress())) {
    log(`note: the farm's lock terms differ from the plan's, and only its owner ${owner} can change them (admin page)`);
    return;
  }
  const asDeployer = farm.connect(deployer) as Contract;
  if (tiersDiffer) {
    await (await asDeployer.setLockTiers(wanted.tiers.map((t) => t.blocks), wanted.tiers.map((t) => t.boostBps))).wait();
    log(`lock tiers: ${wanted.tiers.map((t) => `${t.blocks} blocks at ${Number(t.boostBps) / 10_000}x`).join(", ")}`);
  }
  if (penaltyDiffers) {
    await (await asDeployer.setEarlyExitPenalty(wanted.penaltyBps, recipient)).wait();
    log(`early-exit penalty: ${Number(wanted.penaltyBps) / 100}% at the start of a lock, to ${recipient}`);
  }
}
