import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const REPO = path.resolve(__dirname, '../../..');

// Users copy the YAML of the READMEs and docs/ into their config, catalog files
// and workflows: every block must at least be YAML.
async function markdownFiles(): Promise<string[]> {
  const docs = (await fs.readdir(path.join(REPO, 'docs')))
    .filter(file => file.endsWith('.md'))
    .map(file => `docs/${file}`);
  return [
    'README.md',
    'plugins/image-factory/README.md',
    'plugins/image-factory-backend/README.md',
    'packages/cli/README.md',
    ...docs,
  ];
}

function yamlBlocks(markdown: string): Array<{ line: number; text: string }> {
  const blocks: Array<{ line: number; text: string }> = [];
  const pattern = /^( *)```ya?ml\n([\s\S]*?)^\1```$/gm;
  for (const match of markdown.matchAll(pattern)) {
    const indent = match[1].length;
    blocks.push({
      line: markdown.slice(0, match.index).split('\n').length,
      text: match[2]
        .split('\n')
        .map(line => line.slice(indent))
        .join('\n'),
    });
  }
  return blocks;
}

describe('YAML in the documentation', () => {
  it('finds the blocks it checks', async () => {
    const readme = await fs.readFile(
      path.join(REPO, 'plugins/image-factory-backend/README.md'),
      'utf8',
    );
    expect(yamlBlocks(readme).length).toBeGreaterThanOrEqual(3);
  });

  it('parses every yaml block of the READMEs and docs/', async () => {
    const failures: string[] = [];
    for (const file of await markdownFiles()) {
      const markdown = await fs.readFile(path.join(REPO, file), 'utf8');
      for (const block of yamlBlocks(markdown)) {
        for (const document of parseAllDocuments(block.text)) {
          for (const error of document.errors) {
            failures.push(`${file}:${block.line}: ${error.message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
