using System.Text.RegularExpressions;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Suppliers.Import;

/// <summary>The columns an import file may have. Their names match ignoring case, spaces, hyphens and underscores.</summary>
internal enum ImportColumn
{
    Name,
    Category,
    ExternalId,
    ContactName,
    ContactEmail,
    Status,
    ContactRole,
    ContactPhone,
    ContactLanguage,
}

/// <summary>
/// A supplier as the file describes it, normalized and valid by <see cref="SupplierInput"/>, before it is compared
/// with what is saved. <see cref="StatusGiven"/> is false when no row of it has a status: it keeps the saved one.
/// </summary>
internal sealed record ImportedSupplier(int Line, SupplierProfile Profile, bool StatusGiven);

/// <summary>
/// An import file read into suppliers. Rows with the same external id (or, without one, the same name in any case)
/// are one supplier, each row adding a contact. Every problem is listed with the line its row starts on; a
/// supplier with any bad row is left out of <see cref="Suppliers"/>, so counts only describe suppliers that would
/// import as they stand.
/// </summary>
internal sealed partial class SupplierImportFile
{
    /// <summary>The column names as documented, in the order the help text lists them.</summary>
    public static readonly IReadOnlyList<(ImportColumn Column, string Name)> Columns =
    [
        (ImportColumn.Name, "name"),
        (ImportColumn.Category, "category"),
        (ImportColumn.ExternalId, "external_id"),
        (ImportColumn.ContactName, "contact_name"),
        (ImportColumn.ContactEmail, "contact_email"),
        (ImportColumn.Status, "status"),
        (ImportColumn.ContactRole, "contact_role"),
        (ImportColumn.ContactPhone, "contact_phone"),
        (ImportColumn.ContactLanguage, "contact_language"),
    ];

    /// <summary>The header a person is shown when theirs is missing: the usual columns, not every optional one.</summary>
    private static readonly string Example = string.Join(',', Columns.Take(6).Select(c => c.Name));

    /// <summary>The columns that say something about a row's contact; any of them makes the row carry one.</summary>
    private static readonly ImportColumn[] ContactColumns =
        [ImportColumn.ContactName, ImportColumn.ContactEmail, ImportColumn.ContactRole, ImportColumn.ContactPhone, ImportColumn.ContactLanguage];

    private readonly Dictionary<ImportColumn, (int Index, string Heading)> _header = [];
    private readonly List<ImportedSupplier> _suppliers = [];
    private List<SupplierImportProblem> _errors = [];

    /// <summary>The number of columns the header has, named or not.</summary>
    private int _width;

    private SupplierImportFile()
    {
    }

    /// <summary>Data rows read, blank rows not counted.</summary>
    public int Rows { get; private set; }

    public IReadOnlyList<ImportedSupplier> Suppliers => _suppliers;

    /// <summary>Every problem, in line order; the file imports only when there is none.</summary>
    public IReadOnlyList<SupplierImportProblem> Errors => _errors;

    /// <summary>
    /// Whether the file has the column. A column left out keeps what is saved; a column in the file replaces it, an
    /// empty cell clearing it (except status, where empty keeps the saved one).
    /// </summary>
    public bool Has(ImportColumn column) => _header.ContainsKey(column);

    /// <summary>The column's heading as the file writes it, or its documented name when the file lacks it.</summary>
    public string Heading(ImportColumn column) =>
        _header.TryGetValue(column, out var at) ? at.Heading : Columns.Single(c => c.Column == column).Name;

    public static SupplierImportFile Read(ReadOnlySpan<byte> bytes)
    {
        var file = new SupplierImportFile();
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
            file.ReadText(text);
        }

        return file;
    }

    private void ReadText(string text)
    {
        using var records = SupplierCsv.Records(text, SupplierCsv.SeparatorOf(text)).GetEnumerator();
        if (!records.MoveNext() || records.Current.IsBlank)
        {
            _errors.Add(new SupplierImportProblem(1, null, $"The first line must name the columns, for example: {Example}."));
            return;
        }

        if (!ReadHeader(records.Current))
        {
            return;
        }

        var rows = new List<Row>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.IsBlank)
            {
                continue;
            }

            if (++Rows > SupplierCsv.MaxRows)
            {
                // One clear answer instead of tens of thousands of row errors; nothing of the file is used.
                _errors.Clear();
                _errors.Add(new SupplierImportProblem(null, null, $"The file has more than {SupplierCsv.MaxRows:N0} rows (not counting the header and empty rows). Split it into files of at most {SupplierCsv.MaxRows:N0} rows and import them one after the other."));
                return;
            }

            rows.Add(ReadRow(record));
        }

        Group(rows);
        _errors = [.. _errors.OrderBy(e => e.Line ?? 0)];
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

        if (!Has(ImportColumn.Name))
        {
            _errors.Add(new SupplierImportProblem(1, null, $"The file has no name column. The first line must name the columns, for example: {Example}."));
        }

        if (!Has(ImportColumn.ContactEmail) && Columns.FirstOrDefault(c => ContactColumns.Contains(c.Column) && Has(c.Column)).Name is { } contactColumn)
        {
            _errors.Add(new SupplierImportProblem(1, null, $"The file has a {contactColumn} column but no contact_email column. Each contact needs an email address."));
        }

        return _errors.Count == 0;
    }

    /// <summary>One data row, its cells checked one by one.</summary>
    private Row ReadRow(CsvRecord record)
    {
        var bad = false;
        void Error(string? column, string message)
        {
            bad = true;
            _errors.Add(new SupplierImportProblem(record.Line, column, message));
        }

        if (record.Error is { } error)
        {
            Error(HeadingAt(record.ErrorField), error);
        }

        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(record.Fields[i]) && !_header.Values.Any(h => h.Index == i))
            {
                Error(null, i >= _width
                    ? $"This row has {record.Fields.Count} values but the header has {_width} columns. A value with a comma in it must be in double quotes."
                    : $"This row has a value in column {i + 1}, which has no heading. Name the column or empty it.");
                break;
            }
        }

        string? Cell(ImportColumn column, bool formulaGuard = true)
        {
            if (!_header.TryGetValue(column, out var at) || at.Index >= record.Fields.Count)
            {
                return null;
            }

            var raw = record.Fields[at.Index];
            var value = raw.Trim();

            // A leading tab or carriage return can smuggle a formula's first character past a check, and a quoted line
            // break would have to be altered to fit a one-line name: both are refused, not rewritten.
            if (raw.Length > 0 && raw[0] is '\t' or '\r' or '\n')
            {
                Error(at.Heading, "The value starts with a tab or a line break, which spreadsheets can be tricked into running as a formula. Remove it.");
                return null;
            }

            if (raw.Contains('\n', StringComparison.Ordinal) || raw.Contains('\r', StringComparison.Ordinal))
            {
                Error(at.Heading, "The value has a line break inside its quotes; each value is one line. Remove the line break.");
                return null;
            }

            if (formulaGuard && SupplierInput.TextProblem(value) is { } problem)
            {
                Error(at.Heading, problem);
                return null;
            }

            return value.Length == 0 ? null : value;
        }

        var name = Cell(ImportColumn.Name);
        var category = Cell(ImportColumn.Category);
        var externalId = Cell(ImportColumn.ExternalId);
        var contactName = Cell(ImportColumn.ContactName);
        var contactEmail = Cell(ImportColumn.ContactEmail);
        var statusText = Cell(ImportColumn.Status);

        // A phone number may start with "+": the rules allow it nothing a spreadsheet could run (digits and + - ( ) . /).
        var contact = new SupplierContact(contactName, contactEmail ?? string.Empty, Cell(ImportColumn.ContactRole), Cell(ImportColumn.ContactPhone, formulaGuard: false), Cell(ImportColumn.ContactLanguage));
        if (!SupplierInput.TryParseStatus(statusText, out var status))
        {
            Error(_header[ImportColumn.Status].Heading, $"The status \"{statusText}\" is unknown. Write Active or Inactive, or leave it empty to keep the saved status (Active for a new supplier).");
        }

        var hasContact = contactEmail is not null || contactName is not null || contact.Role is not null || contact.Phone is not null || contact.Language is not null;
        return new Row(record.Line, bad, name, category, externalId, hasContact ? contact : null, status?.ToString());
    }

    /// <summary>Puts the rows of each supplier together and checks that they agree and that the supplier is valid.</summary>
    private void Group(List<Row> rows)
    {
        var byExternalId = new Dictionary<string, Supplier>(StringComparer.Ordinal);
        var byName = new Dictionary<string, Supplier>(StringComparer.OrdinalIgnoreCase);
        var suppliers = new List<Supplier>();
        foreach (var row in rows)
        {
            var (key, index) = row.ExternalId is { } externalId ? (externalId, byExternalId)
                : row.Name is { } name ? (name, byName)
                : (null, null);
            if (key is null || index is null)
            {
                if (!row.Bad)
                {
                    AddError(row.Line, ImportColumn.Name, Has(ImportColumn.ExternalId)
                        ? "Enter the supplier's name (or the external_id of a supplier named on another row)."
                        : "Enter the supplier's name.");
                }

                continue;
            }

            if (!index.TryGetValue(key, out var supplier))
            {
                index[key] = supplier = new Supplier(row.Line, row.ExternalId);
                suppliers.Add(supplier);
            }

            if (row.Bad)
            {
                supplier.Bad = true;
                continue;
            }

            supplier.Name = Agree(supplier, row, ImportColumn.Name, row.Name, supplier.Name);
            supplier.Category = Agree(supplier, row, ImportColumn.Category, row.Category, supplier.Category);
            supplier.Status = Agree(supplier, row, ImportColumn.Status, row.Status, supplier.Status);
            if (row.Contact is { } contact)
            {
                supplier.Contacts.Add((row.Line, contact));
            }
        }

        // A row without an external id would otherwise become a second supplier next to the one that has it.
        foreach (var (name, supplier) in byName)
        {
            var named = byExternalId.Values.FirstOrDefault(s => string.Equals(s.Name?.Value, name, StringComparison.OrdinalIgnoreCase));
            if (named is not null)
            {
                supplier.Bad = true;
                AddError(supplier.Line, ImportColumn.ExternalId, $"This row has no external_id, but line {named.Line} gives the supplier \"{named.Name!.Value}\" the external_id \"{named.ExternalId}\". Give every row of a supplier the same external_id.");
            }
        }

        foreach (var supplier in suppliers.Where(s => !s.Bad))
        {
            Validate(supplier);
        }
    }

    /// <summary>Rows after a supplier's first may leave its fields empty; what they do fill must agree.</summary>
    private Field? Agree(Supplier supplier, Row row, ImportColumn column, string? value, Field? kept)
    {
        if (value is null)
        {
            return kept;
        }

        if (kept is null)
        {
            return new Field(value, row.Line);
        }

        // Case does not make another supplier or category (the list and its filters ignore it): the first spelling wins.
        if (!string.Equals(kept.Value, value, StringComparison.OrdinalIgnoreCase))
        {
            supplier.Bad = true;
            AddError(row.Line, column, $"\"{value}\" differs from \"{kept.Value}\" on line {kept.Line}, a row of the same supplier. Write it the same way on every row, or leave it empty after the first.");
        }

        return kept;
    }

    private void Validate(Supplier supplier)
    {
        _ = SupplierInput.TryParseStatus(supplier.Status?.Value, out var status);
        var profile = SupplierInput.Normalize(new SupplierProfile(
            supplier.Name?.Value ?? string.Empty,
            supplier.Category?.Value,
            supplier.ExternalId,
            status ?? SupplierStatus.Active,
            [.. supplier.Contacts.Select(c => c.Contact)]));
        var errors = SupplierInput.Validate(profile);
        foreach (var (key, messages) in errors)
        {
            var (line, column, suffix) = key switch
            {
                "name" => (supplier.Name?.Line ?? supplier.Line, ImportColumn.Name, string.Empty),
                "category" => (supplier.Category?.Line ?? supplier.Line, ImportColumn.Category, string.Empty),
                "externalId" => (supplier.Line, ImportColumn.ExternalId, string.Empty),
                "contacts" => (supplier.Contacts[SupplierInput.MaxContacts].Line, ImportColumn.ContactEmail, $" \"{profile.Name}\" has {supplier.Contacts.Count} here; this row has contact {SupplierInput.MaxContacts + 1}."),
                _ => ContactField(key) is (var index, var field) && index < supplier.Contacts.Count
                    ? (supplier.Contacts[index].Line, field, string.Empty)
                    : (supplier.Line, ImportColumn.Name, string.Empty),
            };
            foreach (var message in messages)
            {
                AddError(line, column, message + suffix);
            }
        }

        if (errors.Count == 0)
        {
            _suppliers.Add(new ImportedSupplier(supplier.Line, profile, status is not null));
        }
    }

    /// <summary>The contact index and column of an error key like <c>contacts[3].email</c>.</summary>
    private static (int Index, ImportColumn Column)? ContactField(string key)
    {
        var match = ContactKey().Match(key);
        return match.Success
            ? (int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value switch
            {
                "name" => ImportColumn.ContactName,
                "role" => ImportColumn.ContactRole,
                "phone" => ImportColumn.ContactPhone,
                "language" => ImportColumn.ContactLanguage,
                _ => ImportColumn.ContactEmail,
            })
            : null;
    }

    private void AddError(int line, ImportColumn column, string message) =>
        _errors.Add(new SupplierImportProblem(line, Heading(column), message));

    private string? HeadingAt(int? index) =>
        index is { } i ? _header.Values.Where(h => h.Index == i).Select(h => h.Heading).FirstOrDefault() : null;


    [GeneratedRegex(@"^contacts\[(\d+)\]\.(name|email|role|phone|language)$")]
    private static partial Regex ContactKey();

    /// <summary>A data row's cleaned cells (null when empty); <see cref="Bad"/> when any cell has a problem.</summary>
    private sealed record Row(
        int Line, bool Bad, string? Name, string? Category, string? ExternalId, SupplierContact? Contact, string? Status);

    /// <summary>A supplier's field and the line it was taken from.</summary>
    private sealed record Field(string Value, int Line);

    /// <summary>A supplier gathered from its rows: each field with the line it was taken from.</summary>
    private sealed class Supplier(int line, string? externalId)
    {
        public int Line { get; } = line;

        public string? ExternalId { get; } = externalId;

        public bool Bad { get; set; }

        public Field? Name { get; set; }

        public Field? Category { get; set; }

        public Field? Status { get; set; }

        public List<(int Line, SupplierContact Contact)> Contacts { get; } = [];
    }
}
