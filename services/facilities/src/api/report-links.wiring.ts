import { Provider } from '@nestjs/common';
import { AssetExport } from '../application/asset-export';
import { AssetImport } from '../application/asset-import';
import { LinkedAssets } from '../application/linked-assets';
import { PendingAssets } from '../application/pending-assets';
import { PublicRateLimiter } from '../application/public-rate-limit';
import { PublicReports } from '../application/public-reports';
import { ReportLinks } from '../application/report-links';
import { StocktakeAssetFacts } from '../application/stocktake-asset-facts';
import { Stocktakes } from '../application/stocktakes';
import { linkSecretsFrom, REPORT_LINK_SIGNER, reportLinkSigner } from '../application/report-link-token';
import { AssetImportController } from './asset-import.controller';
import { ProcurementEventsHandler } from '../infrastructure/procurement-events.handler';
import { SchoolNamesHandler } from '../infrastructure/school-names.handler';
import { PendingAssetsController } from './pending-assets.controller';
import { PublicReportController } from './public-report.controller';
import { ReportLinksController } from './report-links.controller';
import { StocktakesController } from './stocktakes.controller';

/**
 * The asset ledger's intake and checks, wired in one place (one line each in app.module.ts):
 * QR report links and the public report page; the ledger's import (xlsx/csv), template and export; stocktakes (with the process manager applying their differences to the assets); pending assets from procurement and school names from identity (their Kafka handlers).
 */
export const ASSET_INTAKE_CONTROLLERS = [ReportLinksController, PublicReportController, AssetImportController, StocktakesController, PendingAssetsController, ProcurementEventsHandler, SchoolNamesHandler];

export const ASSET_INTAKE_PROVIDERS: Provider[] = [
  { provide: REPORT_LINK_SIGNER, useFactory: () => reportLinkSigner(linkSecretsFrom()) },
  AssetExport,
  AssetImport,
  LinkedAssets,
  PendingAssets,
  PublicRateLimiter,
  PublicReports,
  ReportLinks,
  Stocktakes,
  StocktakeAssetFacts,
];
