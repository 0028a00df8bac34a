/**
 * insights: feedback metrics (NPS, CSAT, CES), trends, emerging themes, links between feedback and sales,
 * explanations of sales anomalies, and the impact of actions.
 */
export { netPromoterScore } from './netPromoterScore';
export type { NetPromoterOptions, NetPromoterResult } from './netPromoterScore';
export { customerSatisfaction } from './customerSatisfaction';
export type { SatisfactionOptions, SatisfactionResult } from './customerSatisfaction';
export { customerEffortScore } from './customerEffortScore';
export type { EffortOptions, EffortResult } from './customerEffortScore';
export { trend } from './trend';
export type { TrendMetric, TrendOptions, TrendPoint, TrendSeries, TrendResult } from './trend';
export { emergingThemes } from './emergingThemes';
export type { EmergingTheme, EmergingThemesOptions, EmergingThemesResult } from './emergingThemes';
export { laggedCorrelation } from './laggedCorrelation';
export type { LagCorrelation, LaggedCorrelationOptions, LaggedCorrelationResult } from './laggedCorrelation';
export { linkFeedbackToSales } from './linkFeedbackToSales';
export type { FeedbackSalesLink, LinkOptions, LinkResult } from './linkFeedbackToSales';
export { explainAnomaly } from './explainAnomaly';
export type { AnomalyExplanation, AnomalyLike, Driver, ExplainAnomalyOptions, Quote } from './explainAnomaly';
export { actionImpact } from './actionImpact';
export type { ActionImpact, ActionImpactOptions, ActionImpactResult, Effect } from './actionImpact';
export type { AspectValue, InsightRecord, Interval, Segment, SentimentValue } from './types';
export type { Frequency } from './internal/dates';
