import { loadInto } from './loadInto';

export const loadPlans = () => loadInto('plans', (api) => api.plans.list({}));
export const loadWindows = () => loadInto('windows', (api) => api.windows.get({}));
/** Plans show the blackout status too, so a windows change re-reads both. */
export const loadRings = () => Promise.all([loadPlans(), loadWindows()]);
