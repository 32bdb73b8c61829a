/**
 * ESLint rule `wardwatch/process-boundaries`: a relative import may land only in a top-level folder the
 * importing folder is allowed to use (DESIGN.md §1). It resolves the import against the file's folder and
 * compares top-level folders, so it needs no module resolver (eslint-plugin-import-x's resolver pulls in
 * platform binaries the offline registry lacks, which breaks `npm ci`; see docs/decisions/0002).
 *
 * Options: `{ allowed: { [folder]: string[] }, folders: string[] }`.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** @type {import('eslint').Rule.RuleModule} */
export const processBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each process folder to the folders it may import (DESIGN.md §1).' },
    schema: [
      {
        type: 'object',
        properties: {
          folders: { type: 'array', items: { type: 'string' } },
          allowed: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        required: ['folders', 'allowed'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: '{{from}}/ may import only {{allowed}} (DESIGN.md §1); this import reaches {{to}}/.',
    },
  },
  create(context) {
    const { folders, allowed } = context.options[0];
    const root = context.cwd;
    const topFolder = (absolutePath) => relative(root, absolutePath).split(sep)[0];
    const from = topFolder(context.filename);
    if (!folders.includes(from)) return {};
    const permitted = new Set([from, ...(allowed[from] ?? [])]);

    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = topFolder(resolve(dirname(context.filename), source));
      if (!folders.includes(to) || permitted.has(to)) return;
      context.report({
        node,
        messageId: 'forbidden',
        data: { from, to, allowed: (allowed[from] ?? []).join(', ') || 'nothing of ours' },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};

/** The plugin object for eslint.config.js. */
export default { rules: { 'process-boundaries': processBoundaries } };
