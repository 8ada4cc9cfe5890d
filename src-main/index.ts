import { runDesktop } from './shell/app';

runDesktop();
