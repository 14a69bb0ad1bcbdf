export { buildModel, type InterfaceDecl, type Model } from './interfaces';
export { lookup, type AttrSet, type Binding, type Lookup, type Span, type Value } from './attrsets';
export { AttrSetCache } from './setCache';
