import { z } from 'zod';
import { isValidUscc } from './identifiers.ts';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';

export const ORGANISATION_TYPES = ['government', 'responsibility_unit', 'enterprise', 'institution', 'social'] as const;
export const ORGANISATION_STATUSES = ['pending', 'active', 'rejected', 'disabled'] as const;

export const ZUscc = z.string().trim().toUpperCase().refine(isValidUscc, {
  message: '统一社会信用代码无效（GB 32100：18 位，校验码不符） / invalid unified social credit code',
});

export const ZOrganisation = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  uscc: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  status: z.enum(ORGANISATION_STATUSES),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof ZOrganisation>;

export const ZListOrganisationsQuery = ZPageQuery.extend({
  division: ZDivisionCode.optional(),
  type: z.enum(ORGANISATION_TYPES).optional(),
  status: z.enum(ORGANISATION_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
});

export const ZOrganisationPage = zPage(ZOrganisation);

export const ZCreateOrganisationRequest = z
  .object({
    name: z.string().trim().min(2).max(200),
    type: z.enum(ORGANISATION_TYPES),
    uscc: ZUscc.optional(),
    divisionCode: ZDivisionCode,
  })
  .strict()
  .refine((o) => !(o.type === 'enterprise' || o.type === 'institution') || o.uscc !== undefined, {
    message: '企业和事业单位必须填写统一社会信用代码 / enterprises and institutions need a credit code',
    path: ['uscc'],
  });

export const ZUpdateOrganisationRequest = z
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();
