export { buildAuthorizeUrl, type AuthorizeUrlParams, oauthScope } from './authorizeUrl';
export { SignInError } from './errors';
export { type LoopbackReceiver, type LoopbackReceiverOptions, startLoopbackReceiver } from './loopbackReceiver';
export { codeChallengeS256, createCodeVerifier, createPkcePair, createState, type PkcePair } from './pkce';
export { type CodeExchange, type ExchangedTokens, type SignInDeps, signInWithPkce } from './signIn';
export { needsRefresh, planTokenRefresh, type TokenPlan, type TokenState, type TokenTiming } from './tokenSchedule';
