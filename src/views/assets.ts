// The stylesheet, compiled once from GOV.UK Frontend's Sass with our branding (views/styles).
import path from 'node:path';
import * as sass from 'sass';
import { VIEWS_DIR } from './engine';

export interface Assets {
  css: string;
}

export function buildAssets(): Assets {
  const result = sass.compile(path.join(VIEWS_DIR, 'styles', 'app.scss'), {
    loadPaths: [path.resolve(VIEWS_DIR, '..', 'node_modules')],
    style: 'compressed',
    quietDeps: true,
  });
  return { css: result.css };
}
