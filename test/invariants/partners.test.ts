/**
 * The partner model on its own, no chain (partners.ts): hand-worked examples of the rules in
 * IPartnerRewarder's NatSpec, so that when the campaign and the rewarder disagree, the model is
 * known to say what the rules say. Weights come from the farm model (model.ts), as in the campaign.
 */
import { expect } from "chai";

import { FarmModel } from "./model.js";
import { PartnerModel } from "./partners.js";

const S = 1_000n;
const [ALICE, BOB, SPONSOR, TOKEN, OTHER] = ["alice", "bob", "sponsor", "tokenA", "tokenB"];
const E15 = 10n ** 15n;
const always = () => true;

/** A farm model with one pool, 10-block epochs and one tier (20 blocks at 2x); nothing emitted. */
function world(): { farm: FarmModel; partners: PartnerModel } {
  const farm = new FarmModel({ startBlock: S, rewardPerBlock: 0n, budget: 0n, epochBlocks: 10n, tiers: [{ duration: 20n, boostBps: 20_000n }] });
  farm.addPool("lp", 100n);
  return { farm, partners: new PartnerModel(farm) };
}

/** A farm action of `user` in pool 0 in block `block`: the rewarder settles it first (as the farm reports it), then the farm books it. */
function act(farm: FarmModel, partners: PartnerModel, block: bigint, user: string, book: () => void, pay = true) {
  farm.advanceTo(block);
  const payouts = partners.settle(0, user, pay, always, true);
  book();
  return payouts;
}

describe("Partner model: the rules of IPartnerRewarder, by hand", function () {
  it("streams evenly, pro rata to the farm's weights, what nothing staked earns going to the sponsor", function () {
    const { farm, partners } = world();
    farm.advanceTo(S);
    partners.fund(0, TOKEN, SPONSOR, 60_000n, S + 100n); // 600 wei per block, blocks S+1 … S+100
    // Blocks S+1 … S+10: nobody earns (600 × 10 to the sponsor). Alice stakes 1e15 at S+10, Bob 3e15 at S+20.
    act(farm, partners, S + 10n, ALICE, () => farm.deposit(0, ALICE, E15, 0n));
    act(farm, partners, S + 20n, BOB, () => farm.deposit(0, BOB, 3n * E15, 0n));
    farm.advanceTo(S + 30n);
    // Alice: 10 blocks alone (6,000) and 10 at a quarter (1,500); Bob 10 at three quarters (4,500).
    expect(partners.pending(0, ALICE)).to.deep.equal([7_500n]);
    expect(partners.pending(0, BOB)).to.deep.equal([4_500n]);
    expect(partners.unclaimedNow(0)).to.deep.equal([6_000n]);
    const paid = act(farm, partners, S + 30n, ALICE, () => farm.harvest(0, ALICE, 0n));
    expect(paid).to.deep.equal([{ kind: "paid", token: TOKEN, amount: 7_500n }]);
    // After the end the sponsor reclaims the 6,000; nothing more is released.
    farm.advanceTo(S + 150n);
    expect(partners.pending(0, ALICE)).to.deep.equal([10_500n]); // 70 blocks at a quarter since the harvest
    expect(partners.reclaim(0, TOKEN)).to.equal(6_000n);
    expect(partners.remaining(partners.stream(0, TOKEN)!)).to.equal(0n);
  });

  it("a top-up re-spreads the unstreamed rest and the new amount to the new end: the same end raises the rate, a later one extends it", function () {
    const { farm, partners } = world();
    farm.advanceTo(S);
    partners.fund(0, TOKEN, SPONSOR, 6_000n, S + 100n); // 60 per block
    farm.advanceTo(S + 40n);
    // 2,400 streamed; 3,600 left and 1,800 more over the 60 blocks to the same end: 90 per block.
    expect(partners.fund(0, TOKEN, SPONSOR, 1_800n, S + 100n)).to.equal(5_400n);
    farm.advanceTo(S + 70n);
    expect(partners.remaining(partners.stream(0, TOKEN)!)).to.equal(2_700n);
    // 2,700 left and 300 more to S + 170: 30 per block.
    expect(partners.fund(0, TOKEN, SPONSOR, 300n, S + 170n)).to.equal(3_000n);
    farm.advanceTo(S + 80n);
    expect(partners.remaining(partners.stream(0, TOKEN)!)).to.equal(2_700n);
    // Refusals: an end before the running one, another sponsor's running stream, a fifth token.
    expect(partners.fundRefusal(0, TOKEN, SPONSOR, S + 169n)).to.deep.equal({ name: "EndBlockTooEarly", earliest: S + 170n });
    expect(partners.fundRefusal(0, TOKEN, "owner", S + 200n)).to.deep.equal({ name: "StreamSponsoredByOther", sponsor: SPONSOR });
    for (const token of ["t2", "t3", "t4"]) partners.fund(0, token, SPONSOR, 1n, S + 90n);
    expect(partners.fundRefusal(0, OTHER, SPONSOR, S + 90n)).to.deep.equal({ name: "TooManyStreams" });
  });

  it("rounds where the rules say: acc per weight in 1e-36 wei, down at each catch-up; each staker's earnings down", function () {
    const { farm, partners } = world();
    farm.advanceTo(S);
    act(farm, partners, S, ALICE, () => farm.deposit(0, ALICE, 1n, 0n), false); // not yet a stream: not enrolled
    partners.fund(0, TOKEN, SPONSOR, 10n, S + 10n); // 1 wei per block
    act(farm, partners, S + 1n, ALICE, () => farm.deposit(0, ALICE, 1n, 0n)); // weight 2 from S+2
    act(farm, partners, S + 1n, BOB, () => farm.deposit(0, BOB, 1n, 0n)); // weight 1 from S+2: total 3
    // Blocks S+2 … S+4 caught up at once: acc += floor(3 × 1e36 / 3) = 1e36; Alice floor(2 × 1) = 2, Bob 1.
    farm.advanceTo(S + 4n);
    expect(partners.pending(0, ALICE)).to.deep.equal([2n]);
    // Caught up block by block instead (Bob acting in each), acc grows by floor(1e36 / 3) each time.
    const { farm: farm2, partners: partners2 } = world();
    farm2.advanceTo(S);
    partners2.fund(0, TOKEN, SPONSOR, 10n, S + 10n);
    act(farm2, partners2, S + 1n, ALICE, () => farm2.deposit(0, ALICE, 2n, 0n));
    act(farm2, partners2, S + 1n, BOB, () => farm2.deposit(0, BOB, 1n, 0n));
    for (const block of [S + 2n, S + 3n, S + 4n]) act(farm2, partners2, block, BOB, () => farm2.harvest(0, BOB, 0n));
    // Alice: floor(2 × 3 × floor(1e36 / 3) / 1e36) = floor(1.999…) = 1; the wei lost stays in the rewarder.
    expect(partners2.pending(0, ALICE)).to.deep.equal([1n]);
  });

  it("a lock's boost counts up to its end block and 1x after, with nobody acting at the end", function () {
    const { farm, partners } = world();
    farm.advanceTo(S);
    partners.fund(0, TOKEN, SPONSOR, 60_000n, S + 100n); // 600 per block
    act(farm, partners, S + 1n, ALICE, () => farm.lock(0, ALICE, E15, 0, 0n)); // 2x to E = 30 blocks on
    act(farm, partners, S + 2n, BOB, () => farm.deposit(0, BOB, E15, 0n));
    const E = ((S + 1n + 20n + 9n) / 10n) * 10n;
    farm.advanceTo(E + 10n);
    const boosted = E - (S + 2n);
    expect(partners.pending(0, BOB)).to.deep.equal([200n * boosted + 3_000n]);
    expect(partners.pending(0, ALICE)).to.deep.equal([600n + 400n * boosted + 3_000n]);
  });

  it("keeps owed what it cannot pay (a refusing token, a pause, an emergency withdrawal) and pays it with the next payment", function () {
    const { farm, partners } = world();
    farm.advanceTo(S);
    partners.fund(0, TOKEN, SPONSOR, 1_000n, S + 10n);
    act(farm, partners, S, ALICE, () => farm.deposit(0, ALICE, E15, 0n));
    farm.advanceTo(S + 4n);
    expect(partners.settle(0, ALICE, true, () => false, true)).to.deep.equal([{ kind: "owed", token: TOKEN, amount: 400n }]);
    farm.advanceTo(S + 5n);
    // Still refusing: the figure owed changes (500): reported again; unchanged figures are not.
    expect(partners.settle(0, ALICE, true, () => false, true)).to.deep.equal([{ kind: "owed", token: TOKEN, amount: 500n }]);
    expect(partners.settle(0, ALICE, true, () => false, true)).to.deep.equal([]);
    farm.advanceTo(S + 6n);
    expect(partners.settle(0, ALICE, false, always, true)).to.deep.equal([{ kind: "owed", token: TOKEN, amount: 600n }]);
    farm.advanceTo(S + 20n);
    expect(partners.settle(0, ALICE, true, always, false)).to.deep.equal([{ kind: "paid", token: TOKEN, amount: 1_000n }]);
    expect(partners.stream(0, TOKEN)!.paid).to.equal(1_000n);
  });
});
