using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.CsvImports;
using SupplierQuality.Web.Metrics;

namespace SupplierQuality.Web.Pages.Metrics;

/// <summary>Upload of a metrics CSV file, as the supplier import (<see cref="CsvUploadPageModel{TPreview}"/>).</summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ImportModel(IGrainFactory grains, TimeProvider time) : CsvUploadPageModel<MetricImportPreview>
{
    protected override MetricImportPreview Refused(SupplierImportProblem problem) =>
        new(new MetricImportPlan(null, 0, 0, [], string.Empty), [problem]);

    protected override Task<MetricImportPreview> PreviewAsync(byte[] bytes, string fileName, CancellationToken cancellationToken)
    {
        var file = MetricCsvFile.Read(bytes, time.GetUtcNow());
        return MetricImporter.PreviewAsync(grains, file.Entries, file.Rows, file.Errors, fileName, User.AccountEmail()!, file.Heading, cancellationToken);
    }

    protected override bool CanImport(MetricImportPreview preview) => preview.CanImport;

    protected override Task<Guid> StageAsync(MetricImportPreview preview) => MetricImporter.StageAsync(grains, preview.Plan);
}
