using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.CsvImports;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Web.Pages.Suppliers;

/// <summary>Upload of a suppliers CSV file (<see cref="CsvUploadPageModel{TPreview}"/>).</summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ImportModel(IGrainFactory grains) : CsvUploadPageModel<SupplierImportPreview>
{
    protected override SupplierImportPreview Refused(SupplierImportProblem problem) =>
        new(new SupplierImportPlan(null, 0, 0, [], []), [problem]);

    protected override Task<SupplierImportPreview> PreviewAsync(byte[] bytes, string fileName, CancellationToken cancellationToken) =>
        SupplierImporter.PreviewAsync(grains, bytes, fileName, cancellationToken);

    protected override bool CanImport(SupplierImportPreview preview) => preview.CanImport;

    protected override Task<Guid> StageAsync(SupplierImportPreview preview) => SupplierImporter.StageAsync(grains, preview.Plan);
}
