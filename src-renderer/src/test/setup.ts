import { preloadViews } from '../views/lazyViews';

// The views other than Kill switches are lazy (fetched after the first paint); tests render them
// synchronously, as a console that has finished its idle preload does.
await preloadViews();
