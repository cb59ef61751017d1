/**
 * Keeps the video edit page's processing status current: while the video is pending or
 * processing, polls the JSON status endpoint (data-status-url) every few seconds and
 * updates the label, progress bar and retry button in place (the form is left alone).
 */
(() => {
  const POLL_MS = 3000;
  const ACTIVE = new Set(['pending', 'processing']);
  const panel = document.querySelector('[data-video-status]');
  if (!panel || !panel.dataset.statusUrl) return;

  const part = (name) => panel.querySelector(`[data-video-status-${name}]`);
  const retryForm = panel.querySelector('[data-video-retry]');

  function boxClass(state) {
    if (state.status === 'failed' || state.stuck) return 'help-critical';
    return state.status === 'ready' ? 'help-info' : 'help-warning';
  }

  function render(state) {
    panel.dataset.status = state.status;
    part('label').textContent = state.label;
    part('stage').textContent = state.stage ? `(${state.stage})` : '';
    const progress = part('progress');
    progress.value = state.progress;
    progress.textContent = `${state.progress}%`;
    progress.hidden = state.status !== 'processing';
    const details = part('details');
    details.hidden = state.status !== 'ready';
    details.textContent = [
      state.duration,
      state.resolution,
      state.renditions.length ? `HLS: ${state.renditions.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const box = part('box');
    box.classList.remove('help-critical', 'help-info', 'help-warning');
    box.classList.add(boxClass(state));
    if (retryForm) retryForm.hidden = !state.can_retry;
  }

  async function poll() {
    try {
      const response = await fetch(panel.dataset.statusUrl, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      if (response.ok) {
        const state = await response.json();
        render(state);
        if (!ACTIVE.has(state.status) || state.stuck) return;
      }
    } catch {
      // Network hiccup: try again on the next tick.
    }
    window.setTimeout(poll, POLL_MS);
  }

  if (ACTIVE.has(panel.dataset.status)) window.setTimeout(poll, POLL_MS);
})();
