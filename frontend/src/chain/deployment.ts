/**
 * The deployments file (`deployments/<chainId>.json`, see DESIGN.md), fetched at run time from
 * the server that serves the app: the launcher writes it just before serving.
 */
import type { Deployment, PoolRecord } from "../../../deploy/deployments";

export type { Deployment, PoolRecord };

/** The deployment on `chainId`, or undefined when the farm is not deployed there. */
export async function fetchDeployment(chainId: number): Promise<Deployment | undefined> {
  const response = await fetch(`${import.meta.env.BASE_URL}deployments/${chainId}.json`, { cache: "no-store" });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`The deployments file for chain ${chainId} could not be read (HTTP ${response.status}).`);
  return (await response.json()) as Deployment;
}
