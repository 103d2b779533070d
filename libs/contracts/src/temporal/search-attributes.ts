import { defineSearchAttributeKey } from '@temporalio/common';
import declarations from '../search-attributes.json';

// Declared once in search-attributes.json, which infra registers on the dev server, so `temporal workflow list
// --query "OcopStage='awaiting_idea_review'"` works.
export const SA_STAGE = defineSearchAttributeKey('OcopStage', 'KEYWORD');
export const SA_DISTRICT = defineSearchAttributeKey('OcopDistrict', 'KEYWORD');
export const SA_PRODUCT_GROUP = defineSearchAttributeKey('OcopProductGroup', 'KEYWORD');
export const SA_CYCLE_YEAR = defineSearchAttributeKey('OcopCycleYear', 'INT');
export const SA_STARS = defineSearchAttributeKey('OcopStars', 'INT');

/** `Name=Type` pairs as `temporal server start-dev --search-attribute` takes them. */
export const SEARCH_ATTRIBUTE_DECLARATIONS: readonly string[] = Object.entries(declarations)
  .filter(([name]) => !name.startsWith('_'))
  .map(([name, type]) => `${name}=${type}`);
