import { FIELDS, ITEM_TYPES, LEVELS, ROLES } from '../roles.js';
import type { JsonSchema } from './ajv.js';

export const idParams: JsonSchema = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
  additionalProperties: false,
};

export const paginationProperties = {
  page: { type: 'integer', minimum: 1, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  q: { type: 'string', maxLength: 100 },
} as const;

export const name = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } as const;
export const calendarDate = { type: 'string', format: 'calendar-date' } as const;
export const role = { type: 'string', enum: [...ROLES] } as const;
export const field = { type: 'string', enum: [...FIELDS] } as const;
export const level = { type: 'string', enum: [...LEVELS] } as const;
export const itemType = { type: 'string', enum: [...ITEM_TYPES] } as const;
export const id = { type: 'integer', minimum: 1 } as const;

export function listQuery(filters: Record<string, unknown>): JsonSchema {
  return { type: 'object', properties: { ...paginationProperties, ...filters }, additionalProperties: false };
}

export function pageOf(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, totalCapped: { type: 'boolean' } },
    required: ['items', 'total', 'page', 'pageSize'],
  };
}

export const problem: JsonSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, keyword: { type: 'string' } } },
    },
  },
};
