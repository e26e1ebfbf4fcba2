using System.Globalization;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Web.Metrics;

/// <summary>
/// One metric as a file row or an API item gave it, before its supplier is looked up. <see cref="Line"/> is the file's
/// physical line, or the item's index in an API batch.
/// </summary>
internal sealed record MetricEntry(int Line, Guid? SupplierId, string? ExternalId, MetricValue Metric);

/// <summary>
/// A metrics CSV file read into entries, with the supplier import's reader (<see cref="SupplierCsv"/>: strict UTF-8,
/// RFC 4180, comma or semicolon) and its rules for cells: every problem is listed with its line and column, a value a
/// spreadsheet would run as a formula is refused, and a file with any problem imports nothing.
/// </summary>
internal sealed class MetricCsvFile
{
    /// <summary>The columns, by the field names <see cref="MetricInput"/> and the importer use, as the file names them.</summary>
    public static readonly IReadOnlyList<(string Field, string Name)> Columns =
    [
        ("externalId", "external_id"),
        ("supplierId", "supplier_id"),
        ("period", "period"),
        ("metric", "metric"),
        ("value", "value"),
        ("target", "target"),
        ("direction", "direction"),
        ("worst", "worst"),
    ];

    private static readonly string Example = "external_id,period,metric,value,target,direction";

    private static readonly string[] Required = ["period", "metric", "value", "target"];

    private readonly Dictionary<string, (int Index, string Heading)> _header = new(StringComparer.Ordinal);
    private readonly List<MetricEntry> _entries = [];
    private readonly List<SupplierImportProblem> _errors = [];
    private char _separator = ',';
    private int _width;

    private MetricCsvFile()
    {
    }

    /// <summary>Data rows read, blank rows not counted.</summary>
    public int Rows { get; private set; }

    /// <summary>The rows without problems.</summary>
    public IReadOnlyList<MetricEntry> Entries => _entries;

    /// <summary>Every problem, in line order; the file imports only when there is none.</summary>
    public IReadOnlyList<SupplierImportProblem> Errors => [.. _errors.OrderBy(e => e.Line ?? 0)];

    /// <summary>The column of a field as the file writes its heading, or its documented name.</summary>
    public string Heading(string field) =>
        _header.TryGetValue(field, out var at) ? at.Heading : Columns.Single(c => c.Field == field).Name;

    public static MetricCsvFile Read(ReadOnlySpan<byte> bytes, DateTimeOffset now)
    {
        var file = new MetricCsvFile();
        if (SupplierCsv.CheckSize(bytes.Length) is { } tooLarge)
        {
            file._errors.Add(tooLarge);
        }
        else if (SupplierCsv.Decode(bytes, out var text) is { } notUtf8)
        {
            file._errors.Add(notUtf8);
        }
        else
        {
            file.ReadText(text, now);
        }

        return file;
    }

    private void ReadText(string text, DateTimeOffset now)
    {
        _separator = SupplierCsv.SeparatorOf(text);
        using var records = SupplierCsv.Records(text, _separator).GetEnumerator();
        if (!records.MoveNext() || records.Current.IsBlank)
        {
            _errors.Add(new SupplierImportProblem(1, null, $"The first line must name the columns, for example: {Example}."));
            return;
        }

        if (!ReadHeader(records.Current))
        {
            return;
        }

        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.IsBlank)
            {
                continue;
            }

            if (++Rows > SupplierCsv.MaxRows)
            {
                _errors.Clear();
                _entries.Clear();
                _errors.Add(new SupplierImportProblem(null, null, $"The file has more than {SupplierCsv.MaxRows:N0} rows (not counting the header and empty rows). Split it into files of at most {SupplierCsv.MaxRows:N0} rows and import them one after the other."));
                return;
            }

            ReadRow(record, now);
        }
    }

    private bool ReadHeader(CsvRecord header)
    {
        if (header.Error is { } error)
        {
            _errors.Add(new SupplierImportProblem(1, null, error));
            return false;
        }

        _width = header.Fields.Count;
        foreach (var (column, at) in CsvHeadings.Read(header.Fields, Columns, _errors))
        {
            _header[column] = at;
        }

        if (!_header.ContainsKey("externalId") && !_header.ContainsKey("supplierId"))
        {
            _errors.Add(new SupplierImportProblem(1, null, "The file has no external_id or supplier_id column, so it cannot say whose metrics its rows are. Add external_id (the supplier's key in your ERP) or supplier_id."));
        }

        var missing = Required.Where(f => !_header.ContainsKey(f)).Select(Heading).ToList();
        if (missing.Count > 0)
        {
            _errors.Add(new SupplierImportProblem(1, null, $"The file has no {string.Join(", ", missing)} {(missing.Count == 1 ? "column" : "columns")}. The first line must name the columns, for example: {Example}."));
        }

        return _errors.Count == 0;
    }

    private void ReadRow(CsvRecord record, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var bad = false;
        if (record.Error is { } error)
        {
            bad = true;
            _errors.Add(new SupplierImportProblem(record.Line, HeadingAt(record.ErrorField), error));
        }

        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(record.Fields[i]) && !_header.Values.Any(h => h.Index == i))
            {
                bad = true;
                _errors.Add(new SupplierImportProblem(record.Line, null, i >= _width
                    ? $"This row has {record.Fields.Count} values but the header has {_width} columns. A value with a comma in it must be in double quotes."
                    : $"This row has a value in column {i + 1}, which has no heading. Name the column or empty it."));
                break;
            }
        }

        string? Cell(string field)
        {
            if (!_header.TryGetValue(field, out var at) || at.Index >= record.Fields.Count)
            {
                return null;
            }

            var raw = record.Fields[at.Index];
            if (raw.Length > 0 && raw[0] is '\t' or '\r' or '\n')
            {
                errors[field] = "The value starts with a tab or a line break, which spreadsheets can be tricked into running as a formula. Remove it.";
                return null;
            }

            if (raw.Contains('\n', StringComparison.Ordinal) || raw.Contains('\r', StringComparison.Ordinal))
            {
                errors[field] = "The value has a line break inside its quotes; each value is one line. Remove the line break.";
                return null;
            }

            var value = raw.Trim();
            return value.Length == 0 ? null : value;
        }

        double? Number(string field)
        {
            if (Cell(field) is not { } text)
            {
                return null;
            }

            if (ParseNumber(text) is { } number)
            {
                return number;
            }

            errors[field] = $"\"{Shorten(text)}\" is not a number. Write it with digits and a decimal point, such as 97.5{(_separator == ';' ? " or 97,5" : "")}.";
            return null;
        }

        Guid? supplierId = null;
        if (Cell("supplierId") is { } idText)
        {
            if (Guid.TryParse(idText, out var id))
            {
                supplierId = id;
            }
            else
            {
                errors["supplierId"] = $"\"{Shorten(idText)}\" is not a supplier id. Copy the id from the supplier's page address, or use external_id.";
            }
        }

        var externalId = Cell("externalId");
        if (SupplierInput.TextProblem(externalId) is { } externalProblem)
        {
            errors["externalId"] = externalProblem;
            externalId = null;
        }

        if (supplierId is null && externalId is null && !errors.ContainsKey("supplierId") && !errors.ContainsKey("externalId"))
        {
            errors[_header.ContainsKey("externalId") ? "externalId" : "supplierId"] = "Enter whose metric this is: the supplier's external_id (its key in your ERP) or its supplier_id.";
        }

        MetricQuarter? period = null;
        if (Cell("period") is { } periodText)
        {
            if (MetricQuarter.TryParse(periodText, out var parsed))
            {
                period = parsed;
            }
            else
            {
                errors["period"] = $"\"{Shorten(periodText)}\" is not a quarter. Write the year and the quarter, such as 2026-Q4.";
            }
        }

        var name = Cell("metric");
        var value = Number("value");
        var target = Number("target");
        var worst = Number("worst");
        var direction = Cell("direction");
        var metric = MetricInput.Create(name, period, value, target, direction, worst, now, errors);
        foreach (var (field, message) in errors)
        {
            _errors.Add(new SupplierImportProblem(record.Line, Heading(field), message));
        }

        if (!bad && metric is not null)
        {
            _entries.Add(new MetricEntry(record.Line, supplierId, externalId, metric));
        }
    }

    /// <summary>
    /// A number as people write it: a decimal point, a trailing "%" allowed; with semicolons between values (Excel
    /// where the decimal mark is a comma) a decimal comma as well. No thousands separators: "1,000" is ambiguous.
    /// </summary>
    private double? ParseNumber(string text)
    {
        var number = text.EndsWith('%') ? text[..^1].TrimEnd() : text;
        if (_separator == ';' && number.Count(c => c == ',') == 1 && !number.Contains('.', StringComparison.Ordinal))
        {
            number = number.Replace(',', '.');
        }

        return double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value)
            ? value
            : null;
    }

    private string? HeadingAt(int? index) =>
        index is { } i ? _header.Values.Where(h => h.Index == i).Select(h => h.Heading).FirstOrDefault() : null;

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
