// Writes schema/wire-item.schema.json from the zod definition (the one source of the payload's shape).
import { writeFileSync } from 'node:fs';
import { wireItemJsonSchema } from '../src/item/schema.js';

writeFileSync(
  new URL('../schema/wire-item.schema.json', import.meta.url),
  JSON.stringify(wireItemJsonSchema(), null, 2) + '\n',
);
console.log('wrote schema/wire-item.schema.json');
