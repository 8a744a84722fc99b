// The hall screens' face: where they are served and how they are mounted.
export { LOOKUP_PAGE_PATH, mountScreens } from './screens';
