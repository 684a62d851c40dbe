/**
 * The pages, in the URL's hash (`#/farms`, `#/il?pid=2`, `#/activity`, `#/pools/2`, `#/admin`): the
 * app is served as static files from any path (`#/sponsor` too, loaded when first opened), so the hash keeps every page a plain link.
 * `#farms`-style links from before the router still land (vue-router reads a hash without its
 * slash as the same path). The history pages (the indexer's) load when first opened: the farms
 * page never waits for them or their charts.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";

import AdminView from "./views/AdminView.vue";
import FarmsView from "./views/FarmsView.vue";
import IlView from "./views/IlView.vue";

/** The pages in the navigation bar, in its order. */
export const PAGES = [
  { path: "/farms", label: "Farms", component: FarmsView },
  { path: "/il", label: "Impermanent loss", component: IlView },
  { path: "/activity", label: "Activity", component: () => import("./views/history-pages").then((m) => m.ActivityView) },
  { path: "/sponsor", label: "Sponsor", component: () => import("./views/SponsorView.vue") },
  { path: "/admin", label: "Admin", component: AdminView },
] as const;

const routes: RouteRecordRaw[] = [
  ...PAGES.map(({ path, component }) => ({ path, component })),
  { path: "/pools/:pid", component: () => import("./views/history-pages").then((m) => m.PoolView) },
  { path: "/:anything(.*)", redirect: "/farms" },
];

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
