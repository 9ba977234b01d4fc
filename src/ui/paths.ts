/** Where a reader lands after signing in, and where `/ui/` sends them. */
export const HOME = '/ui/home';
