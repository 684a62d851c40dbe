/**
 * The dapp's mirror of the indexer API's types (src/chain/indexer-types.ts) must say what the API
 * says (indexer/api-types.ts): checked by the type checker (`vue-tsc -p frontend/tsconfig.json`
 * compiles this file), so a field added, renamed or retyped on either side fails it.
 */
import { describe, expectTypeOf, it } from "vitest";

import type * as Api from "../../../indexer/api-types";
import type * as Mirror from "../../src/chain/indexer-types";

describe("indexer API types", () => {
  it("are mirrored exactly in the dapp", () => {
    expectTypeOf<Mirror.ActionKind>().toEqualTypeOf<Api.ActionKind>();
    expectTypeOf<Mirror.Action>().toEqualTypeOf<Api.Action>();
    expectTypeOf<Mirror.HistoryPage>().toEqualTypeOf<Api.HistoryPage>();
    expectTypeOf<Mirror.EarningsDay>().toEqualTypeOf<Api.EarningsDay>();
    expectTypeOf<Mirror.Earnings>().toEqualTypeOf<Api.Earnings>();
    expectTypeOf<Mirror.PairInfo>().toEqualTypeOf<Api.PairInfo>();
    expectTypeOf<Mirror.Position>().toEqualTypeOf<Api.Position>();
    expectTypeOf<Mirror.PoolPoint>().toEqualTypeOf<Api.PoolPoint>();
    expectTypeOf<Mirror.PoolSeries>().toEqualTypeOf<Api.PoolSeries>();
    expectTypeOf<Mirror.PoolSummary>().toEqualTypeOf<Api.PoolSummary>();
    expectTypeOf<Mirror.FarmDayPoint>().toEqualTypeOf<Api.FarmDayPoint>();
    expectTypeOf<Mirror.FarmTotals>().toEqualTypeOf<Api.FarmTotals>();
  });
});
