export type { Tree, Node as SyntaxNode, Point } from 'web-tree-sitter';
