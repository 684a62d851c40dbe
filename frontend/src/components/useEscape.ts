/**
 * Escape closes what is open on top: a dialog, or a menu. Every dialog calls
 * `useEscape(() => emit("close"))` in its setup; a menu that stays mounted while closed passes
 * when it is open as the second argument. When several are open (a dialog opened from a menu,
 * a confirmation over a dialog), one press closes only the one opened last, as in every desktop
 * app; the next press closes the one below.
 */
import { onBeforeUnmount, watch, type WatchSource } from "vue";

/** Open dialogs and menus, the last opened last. */
const open: (() => void)[] = [];

function onKeydown(event: KeyboardEvent): void {
  // A key held to compose a character (Japanese, Chinese input) is not the user's Escape.
  if (event.key !== "Escape" || event.isComposing || open.length === 0) return;
  event.preventDefault();
  open[open.length - 1]();
}

function add(close: () => void): void {
  if (open.includes(close)) return;
  if (open.length === 0) document.addEventListener("keydown", onKeydown);
  open.push(close);
}

function remove(close: () => void): void {
  const at = open.indexOf(close);
  if (at === -1) return;
  open.splice(at, 1);
  if (open.length === 0) document.removeEventListener("keydown", onKeydown);
}

/**
 * Calls `close` when Escape is pressed while this component is the top one open; `isOpen` says
 * when it is open (always, by default: a dialog is mounted only while open).
 */
export function useEscape(close: () => void, isOpen: WatchSource<boolean> = () => true): void {
  const entry = () => close(); // its own identity, even if two components share a `close`
  const stop = watch(isOpen, (now) => (now ? add(entry) : remove(entry)), { immediate: true });
  onBeforeUnmount(() => {
    stop();
    remove(entry);
  });
}
