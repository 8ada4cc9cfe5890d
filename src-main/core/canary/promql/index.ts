/** Safe PromQL for the canary: escaping, templating, and downsampling what comes back. */
export { escapeLabelContent, labelName, labelValue, metricName, quoteRegex, regexValue, selector } from './escape';
export { renderTemplate, type TemplateVars } from './template';
export { shape, tokenize, unquote, type Token, type TokenKind } from './tokens';
