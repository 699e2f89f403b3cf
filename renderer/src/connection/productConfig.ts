// What the build put in (scripts/productConfig.ts): the product's own OAuth client id.
declare const __RSU_TIMER_OAUTH_CLIENT_ID__: string;

/** RSU Timer's OAuth client id: a timer signs in with it and never types one. */
export const productOAuthClientId: string = __RSU_TIMER_OAUTH_CLIENT_ID__;
