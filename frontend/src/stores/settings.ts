/**
 * The liquidity provider's settings, remembered in this browser (localStorage): the slippage
 * tolerance and the deadline of every add and remove. A stored value that no longer passes the
 * checks (edited by hand, from an older version) falls back to the default.
 */
import { defineStore } from "pinia";
import { ref, watch } from "vue";

import { checkDeadline, checkSlippage, DEFAULT_DEADLINE_MINUTES, DEFAULT_SLIPPAGE_BPS, formatSlippage } from "../lib/liquidity-settings";

const STORAGE_KEY = "lp-farm:liquidity-settings";

interface Stored {
  slippageBps: number;
  deadlineMinutes: number;
}

function load(): Stored {
  const defaults = { slippageBps: DEFAULT_SLIPPAGE_BPS, deadlineMinutes: DEFAULT_DEADLINE_MINUTES };
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Partial<Stored>;
    const slippage = typeof stored.slippageBps === "number" ? checkSlippage(formatSlippage(stored.slippageBps)) : undefined;
    const deadline = typeof stored.deadlineMinutes === "number" ? checkDeadline(String(stored.deadlineMinutes)) : undefined;
    return {
      slippageBps: slippage?.ok ? slippage.value : defaults.slippageBps,
      deadlineMinutes: deadline?.ok ? deadline.value : defaults.deadlineMinutes,
    };
  } catch {
    return defaults; // storage blocked (private mode) or not JSON: the defaults, unremembered
  }
}

export const useSettingsStore = defineStore("settings", () => {
  const initial = load();
  /** Slippage tolerance in basis points (50 = 0.5%). */
  const slippageBps = ref(initial.slippageBps);
  const deadlineMinutes = ref(initial.deadlineMinutes);

  watch([slippageBps, deadlineMinutes], ([bps, minutes]) => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ slippageBps: bps, deadlineMinutes: minutes } satisfies Stored));
    } catch {
      // Storage full or blocked: the settings still apply until the page is closed.
    }
  });

  function reset(): void {
    slippageBps.value = DEFAULT_SLIPPAGE_BPS;
    deadlineMinutes.value = DEFAULT_DEADLINE_MINUTES;
  }

  return { slippageBps, deadlineMinutes, reset };
});
