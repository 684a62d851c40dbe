/**
 * The pages made from the indexer's history, in one lazy chunk: they share most of their code
 * (the chart, the client, the PnL maths), and one chunk of both weighs less than three.
 */
export { default as ActivityView } from "./ActivityView.vue";
export { default as PoolView } from "./PoolView.vue";
