/**
 * Partner rewards for the gas benchmark (issue 17): alice's harvest, deposit, withdraw and
 * emergency withdrawal in pid 0 (USDC/WETH) while 1, 2 or 4 partner tokens stream there, from the
 * steady state of scenario.ts. Alice and bob are enrolled and have been paid every token once, so
 * the figures are the steady cost; the farm's harvest in a pool without streams is the plain
 * `harvest` row, which partner rewards must leave within 1,500 gas of what it was.
 */
import { type ContractTransactionResponse, MaxUint256, parseEther } from "ethers";

import { as } from "../fixtures/chain.js";
import type { Operation } from "./operations.js";
import { AMOUNT, PID, type Scenario } from "./scenario.js";

/** Long enough that no stream ends while the benchmark runs. */
const STREAM_BLOCKS = 1_000_000n;

async function mined(tx: Promise<ContractTransactionResponse>): Promise<void> {
  await (await tx).wait();
}

/** `tokens` partner tokens streaming on pid 0, alice and bob enrolled and paid once. */
function streaming(tokens: number) {
  return async ({ connection: { ethers }, world: { farm, owner, alice, bob } }: Scenario): Promise<void> => {
    const rewarder = await ethers.getContractAt("PartnerRewarder", await farm.partnerRewarder());
    const end = BigInt(await ethers.provider.getBlockNumber()) + STREAM_BLOCKS;
    for (let i = 0; i < tokens; i++) {
      const token = await ethers.deployContract("TestERC20", [`Partner ${i}`, `PT${i}`, 18], owner);
      await mined(token.mint(owner.address, parseEther("1000000")));
      await mined(token.approve(await rewarder.getAddress(), MaxUint256));
      await mined(as(rewarder, owner).fund(PID, await token.getAddress(), parseEther("1000000"), end));
    }
    for (const staker of [alice, bob]) await mined(as(farm, staker).deposit(PID, 0n)); // enrol
    for (const staker of [alice, bob]) await mined(as(farm, staker).harvest(PID)); // paid once: balances exist
  };
}

function withTokens(tokens: number): Operation[] {
  const label = `${tokens} partner token${tokens === 1 ? "" : "s"}`;
  const prepare = streaming(tokens);
  return [
    { name: `harvest, ${label}`, prepare, send: ({ world: { farm, alice } }) => as(farm, alice).harvest(PID) },
    { name: `deposit, ${label}`, prepare, send: ({ world: { farm, alice } }) => as(farm, alice).deposit(PID, AMOUNT) },
    { name: `withdraw, ${label}`, prepare, send: ({ world: { farm, alice } }) => as(farm, alice).withdraw(PID, AMOUNT) },
    { name: `emergencyWithdraw, ${label}`, prepare, send: ({ world: { farm, alice } }) => as(farm, alice).emergencyWithdraw(PID) },
  ];
}

export const PARTNER_OPERATIONS: Operation[] = [...withTokens(1), ...withTokens(2), ...withTokens(4)];
