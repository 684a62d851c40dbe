/**
 * The zap's operations for the gas benchmark (issue 15), each beside the same steps done by hand in
 * separate transactions, all by alice in pid 0 (USDC/WETH) from the steady state of scenario.ts.
 *
 * Both sides are measured in the same steady state: every approval either way is already in place
 * (alice approved the zap for USDC and as her farm operator, and the router for USDC, WETH, RWD and
 * the LP; the farm for the LP already), and the zap has been used before, so its standing
 * allowances to the router and the farm are set. A first use costs an approval more either way.
 * By hand, a person swaps half rather than the exact share: the same transactions, the same gas.
 */
import { type Contract, type ContractTransactionResponse, MaxUint256, parseEther, parseUnits } from "ethers";

import { as } from "../fixtures/chain.js";
import type { Operation } from "./operations.js";
import { AMOUNT, PID, type Scenario } from "./scenario.js";

const ETH_IN = parseEther("1");
const USDC_IN = parseUnits("3000", 6);

async function mined(tx: Promise<ContractTransactionResponse>): Promise<ContractTransactionResponse> {
  const response = await tx;
  await response.wait();
  return response;
}

/** Sends `steps` one after another (each may use what the one before did) and returns them all. */
async function inTurn(steps: Array<() => Promise<ContractTransactionResponse>>): Promise<ContractTransactionResponse[]> {
  const sent: ContractTransactionResponse[] = [];
  for (const step of steps) sent.push(await mined(step()));
  return sent;
}

/**
 * Deploys the zap over the scenario's farm and router, seeds an RWD/WETH market (with bob's
 * reward tokens), sets every approval, and has bob use each zap function once.
 */
async function zapReady(scenario: Scenario): Promise<void> {
  const { ethers } = scenario.connection;
  const { farm, owner, alice, bob, usdc, usdcWeth, rewardToken, uniswap } = scenario.world;
  const { router, weth } = uniswap;
  const farmAddress = await farm.getAddress();
  const routerAddress = await router.getAddress();
  const zap = await ethers.deployContract("FarmZap", [farmAddress, routerAddress], owner);
  const zapAddress = await zap.getAddress();
  scenario.zap = zap;

  await mined(as(farm, bob).harvest(PID));
  for (const account of [alice, bob]) {
    await mined(as(weth, account).deposit({ value: parseEther("20") }));
    await mined(usdc.mint(account.address, 10n * USDC_IN));
    for (const token of [usdc, weth, rewardToken, usdcWeth]) await mined(as(token, account).approve(routerAddress, MaxUint256));
    await mined(as(usdc, account).approve(zapAddress, MaxUint256));
    await mined(as(farm, account).setOperator(zapAddress, true));
  }
  // Bob's harvested RWD (however many pools share the emission), up to 1,000, at 0.01 WETH each.
  const harvested = await balanceOf(rewardToken, bob.address);
  const rwd = harvested < parseEther("1000") ? harvested : parseEther("1000");
  await mined(as(router, bob).addLiquidity(rewardToken, weth, rwd, rwd / 100n, 0n, 0n, bob.address, MaxUint256));
  const z = as(zap, bob);
  await mined(z.zapIn(PID, ethers.ZeroAddress, ETH_IN, 0n, MaxUint256, { value: ETH_IN }));
  await mined(z.zapIn(PID, await usdc.getAddress(), USDC_IN, 0n, MaxUint256));
  await mined(z.zapOut(PID, AMOUNT, 0n, 0n, MaxUint256));
  await mined(z.zapOutTo(PID, AMOUNT, ethers.ZeroAddress, 0n, MaxUint256));
  await mined(z.compound([PID], PID, [await rewardToken.getAddress(), await weth.getAddress()], 0n, MaxUint256));
}

/** How much more of `token` `account` holds than `before`. */
async function gained(token: Contract, account: string, before: bigint): Promise<bigint> {
  return ((await token.balanceOf(account)) as bigint) - before;
}

async function balanceOf(token: Contract, account: string): Promise<bigint> {
  return (await token.balanceOf(account)) as bigint;
}

export const ZAP_OPERATIONS: Operation[] = [
  {
    name: "zapIn from ETH",
    prepare: zapReady,
    send: ({ connection: { ethers }, world: { alice }, zap }) =>
      as(zap!, alice).zapIn(PID, ethers.ZeroAddress, ETH_IN, 0n, MaxUint256, { value: ETH_IN }),
  },
  {
    name: "zapIn from ETH by hand: swap, addLiquidityETH, deposit (3 transactions)",
    prepare: zapReady,
    send: async ({ world: { alice, farm, usdc, usdcWeth, uniswap: { router, weth } } }) => {
      const r = as(router, alice);
      const [usdcBefore, lpBefore] = [await balanceOf(usdc, alice.address), await balanceOf(usdcWeth, alice.address)];
      return inTurn([
        () => r.swapExactETHForTokens(0n, [weth, usdc], alice.address, MaxUint256, { value: ETH_IN / 2n }),
        async () => r.addLiquidityETH(usdc, await gained(usdc, alice.address, usdcBefore), 0n, 0n, alice.address, MaxUint256, { value: ETH_IN / 2n }),
        async () => as(farm, alice).deposit(PID, await gained(usdcWeth, alice.address, lpBefore)),
      ]);
    },
  },
  {
    name: "zapIn from a token (USDC)",
    prepare: zapReady,
    send: async ({ world: { alice, usdc }, zap }) => as(zap!, alice).zapIn(PID, await usdc.getAddress(), USDC_IN, 0n, MaxUint256),
  },
  {
    name: "zapIn from a token by hand: swap, addLiquidity, deposit (3 transactions)",
    prepare: zapReady,
    send: async ({ world: { alice, farm, usdc, usdcWeth, uniswap: { router, weth } } }) => {
      const r = as(router, alice);
      const [wethBefore, lpBefore] = [await balanceOf(weth, alice.address), await balanceOf(usdcWeth, alice.address)];
      return inTurn([
        () => r.swapExactTokensForTokens(USDC_IN / 2n, 0n, [usdc, weth], alice.address, MaxUint256),
        async () => r.addLiquidity(usdc, weth, USDC_IN / 2n, await gained(weth, alice.address, wethBefore), 0n, 0n, alice.address, MaxUint256),
        async () => as(farm, alice).deposit(PID, await gained(usdcWeth, alice.address, lpBefore)),
      ]);
    },
  },
  {
    name: "zapOut to both tokens",
    prepare: zapReady,
    send: ({ world: { alice }, zap }) => as(zap!, alice).zapOut(PID, AMOUNT, 0n, 0n, MaxUint256),
  },
  {
    name: "zapOut by hand: withdraw, removeLiquidity (2 transactions)",
    prepare: zapReady,
    send: ({ world: { alice, farm, usdc, uniswap: { router, weth } } }) =>
      inTurn([
        () => as(farm, alice).withdraw(PID, AMOUNT),
        () => as(router, alice).removeLiquidity(usdc, weth, AMOUNT, 0n, 0n, alice.address, MaxUint256),
      ]),
  },
  {
    name: "zapOutTo ETH",
    prepare: zapReady,
    send: ({ connection: { ethers }, world: { alice }, zap }) =>
      as(zap!, alice).zapOutTo(PID, AMOUNT, ethers.ZeroAddress, 0n, MaxUint256),
  },
  {
    name: "zapOutTo ETH by hand: withdraw, removeLiquidityETH, swap (3 transactions)",
    prepare: zapReady,
    send: async ({ world: { alice, farm, usdc, uniswap: { router, weth } } }) => {
      const r = as(router, alice);
      const usdcBefore = await balanceOf(usdc, alice.address);
      return inTurn([
        () => as(farm, alice).withdraw(PID, AMOUNT),
        () => r.removeLiquidityETH(usdc, AMOUNT, 0n, 0n, alice.address, MaxUint256),
        async () => r.swapExactTokensForETH(await gained(usdc, alice.address, usdcBefore), 0n, [usdc, weth], alice.address, MaxUint256),
      ]);
    },
  },
  {
    name: "compound (harvest RWD, swap to WETH, zap into USDC/WETH)",
    prepare: zapReady,
    send: async ({ world: { alice, rewardToken, uniswap: { weth } }, zap }) =>
      as(zap!, alice).compound([PID], PID, [await rewardToken.getAddress(), await weth.getAddress()], 0n, MaxUint256),
  },
  {
    name: "compound by hand: harvest, 2 swaps, addLiquidity, deposit (5 transactions)",
    prepare: zapReady,
    send: async ({ world: { alice, farm, usdc, usdcWeth, rewardToken, uniswap: { router, weth } } }) => {
      const r = as(router, alice);
      const [rwdBefore, wethBefore, usdcBefore, lpBefore] = await Promise.all(
        [rewardToken, weth, usdc, usdcWeth].map((token) => balanceOf(token, alice.address)),
      );
      return inTurn([
        () => as(farm, alice).harvest(PID),
        async () => r.swapExactTokensForTokens(await gained(rewardToken, alice.address, rwdBefore), 0n, [rewardToken, weth], alice.address, MaxUint256),
        async () => r.swapExactTokensForTokens((await gained(weth, alice.address, wethBefore)) / 2n, 0n, [weth, usdc], alice.address, MaxUint256),
        async () => r.addLiquidity(weth, usdc, await gained(weth, alice.address, wethBefore), await gained(usdc, alice.address, usdcBefore), 0n, 0n, alice.address, MaxUint256),
        async () => as(farm, alice).deposit(PID, await gained(usdcWeth, alice.address, lpBefore)),
      ]);
    },
  },
];
