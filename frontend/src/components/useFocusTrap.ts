/**
 * A dialog is modal for the keyboard too: while it is the top one open, Tab and Shift+Tab go
 * round its own controls and never reach the page behind it (a keyboard or screen-reader user
 * could otherwise press a card's button under an open dialog); when it opens, focus moves onto
 * it unless it already took it, and when it closes, focus goes back where it was. Escape is
 * useEscape's. Every dialog calls `useFocusTrap(root)` with its dialog element.
 */
import { nextTick, onBeforeUnmount, onMounted, type Ref } from "vue";

/** What Tab can land on. */
const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/** Open dialogs, the last opened last: only the top one holds the focus. */
const open: Ref<HTMLElement | undefined>[] = [];

function focusables(root: HTMLElement): HTMLElement[] {
  // Rendered ones only: a control hidden by v-show or a closed <details> takes no focus.
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

function onKeydown(event: KeyboardEvent): void {
  const root = open.at(-1)?.value;
  if (event.key !== "Tab" || !root) return;
  const inside = focusables(root);
  const active = document.activeElement;
  const [first, last] = [inside[0], inside.at(-1)];
  const leaving = !first || !root.contains(active) || (event.shiftKey ? active === first : active === last);
  if (!leaving) return;
  event.preventDefault();
  const next = event.shiftKey ? last : first;
  if (next) next.focus();
  else root.focus();
}

export function useFocusTrap(root: Ref<HTMLElement | undefined>): void {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  onMounted(async () => {
    if (open.length === 0) document.addEventListener("keydown", onKeydown);
    open.push(root);
    await nextTick();
    // The dialog itself, not its first control: Enter must not confirm (or exit) by surprise.
    const el = root.value;
    if (!el || el.contains(document.activeElement)) return;
    if (!el.hasAttribute("tabindex")) el.tabIndex = -1;
    el.focus();
  });
  onBeforeUnmount(() => {
    const at = open.indexOf(root);
    if (at !== -1) open.splice(at, 1);
    if (open.length === 0) document.removeEventListener("keydown", onKeydown);
    // Back to the control that opened it, if it is still on the page.
    if (before?.isConnected) before.focus();
  });
}
