/**
 * How much of the window lies above and below an element, in px. Jira sizes a Forge app's frame to
 * its content, so the "viewport" Atlaskit's popups measure inside the frame is the whole page: a
 * menu near the bottom of the window never flips, as the frame still has room below. The part of
 * the frame inside the window is what an IntersectionObserver reports for the frame's document (its
 * implicit root is the top-level window), in the frame's coordinates.
 */
export function roomInWindow(element: Element): Promise<{ above: number; below: number }> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(([entry]) => {
      observer.disconnect();
      const seen = entry.intersectionRect;
      const box = element.getBoundingClientRect();
      resolve({ above: box.top - seen.top, below: seen.bottom - box.bottom });
    });
    observer.observe(document.documentElement);
  });
}
