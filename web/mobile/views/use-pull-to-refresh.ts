import { ref } from 'vue';

const THRESHOLD = 64;
const MAX = 96;

/** Pull down at the top of the page to reload (the 刷新 button does the same for those who do not pull). */
export function usePullToRefresh(reload: () => Promise<void>) {
  const pull = ref(0);
  const armed = ref(false);
  let startY: number | null = null;

  function onTouchStart(event: TouchEvent): void {
    startY = window.scrollY <= 0 ? (event.touches[0]?.clientY ?? null) : null;
  }

  function onTouchMove(event: TouchEvent): void {
    if (startY === null) return;
    const distance = (event.touches[0]?.clientY ?? startY) - startY;
    pull.value = Math.max(0, Math.min(MAX, distance / 2));
    armed.value = pull.value >= THRESHOLD / 2 + 16;
  }

  async function onTouchEnd(): Promise<void> {
    const run = armed.value;
    startY = null;
    pull.value = 0;
    armed.value = false;
    if (run) await reload();
  }

  return { pull, armed, onTouchStart, onTouchMove, onTouchEnd };
}
