export { buildModel, together, type FileRole, type Hypervisor, type InterfaceDecl, type MacSetter, type Model, type Owner, type Vm } from './interfaces';
export { lookup, type AttrSet, type Binding, type Lookup, type Span, type Value } from './attrsets';
export { AttrSetCache } from './setCache';
