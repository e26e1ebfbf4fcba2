using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

/// <summary>The supplier form as posted. Every text is nullable: empty inputs bind as null, and the shared rules speak.</summary>
public sealed class SupplierForm
{
    public string? Name { get; set; }

    public string? Category { get; set; }

    public string? ExternalId { get; set; }

    public string? Status { get; set; } = nameof(SupplierStatus.Active);

    /// <summary>The version the form was filled from (optimistic concurrency); unused when creating.</summary>
    public int Version { get; set; }

    public List<ContactRow> Contacts { get; set; } = [];

    public static SupplierForm Blank() => new SupplierForm().WithContactRows();

    public static SupplierForm From(SupplierDetails supplier)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        return new SupplierForm
        {
            Name = supplier.Name,
            Category = supplier.Category,
            ExternalId = supplier.ExternalId,
            Status = supplier.Status.ToString(),
            Version = supplier.Version,
            Contacts = [.. supplier.Contacts.Select(c => new ContactRow { Name = c.Name, Email = c.Email, Role = c.Role, Phone = c.Phone, Language = c.Language })],
        }.WithContactRows();
    }

    /// <summary>
    /// Ends the contacts with one blank row (while there is room), for the next contact; more come with "Add another
    /// contact". Rows already there stay where they are: errors point at the row they were typed in.
    /// </summary>
    public SupplierForm WithContactRows()
    {
        if (Contacts.Count < SupplierInput.MaxContacts && (Contacts.Count == 0 || Contacts[^1] is { IsBlank: false }))
        {
            Contacts.Add(new ContactRow());
        }

        return this;
    }

    /// <summary>Whether "Add another contact" has room left.</summary>
    public bool CanAddContact => Contacts.Count < SupplierInput.MaxContacts;

    /// <summary>One more blank row, up to the most a supplier may have.</summary>
    public void AddContactRow()
    {
        if (CanAddContact)
        {
            Contacts.Add(new ContactRow());
        }
    }

    /// <summary>Takes the row out (an index that is not a row changes nothing); a form without rows gets a blank one.</summary>
    public void RemoveContactRow(int index)
    {
        if (index >= 0 && index < Contacts.Count)
        {
            Contacts.RemoveAt(index);
        }

        if (Contacts.Count == 0)
        {
            Contacts.Add(new ContactRow());
        }
    }

    /// <summary>
    /// The normalized profile and its errors, keyed by form field (<c>Form.Contacts[3].Email</c>). Blank contact rows
    /// are not contacts; errors of the others point at the row they were typed in.
    /// </summary>
    public (SupplierProfile Profile, Dictionary<string, string[]> Errors) ToProfile(string prefix)
    {
        var rows = Contacts.Select((row, index) => (row, index))
            .Where(r => r.row is not null && !r.row.IsBlank)
            .ToList();
        var statusKnown = SupplierInput.TryParseStatus(Status, out var status);
        var profile = SupplierInput.Normalize(new SupplierProfile(
            Name ?? string.Empty,
            Category,
            ExternalId,
            status ?? SupplierStatus.Active,
            [.. rows.Select(r => new SupplierContact(r.row.Name, r.row.Email ?? string.Empty, r.row.Role, r.row.Phone, r.row.Language))]));
        var errors = SupplierInput.Validate(profile);
        if (!statusKnown)
        {
            errors["status"] = ["Choose Active or Inactive."];
        }

        return (profile, FieldErrors(errors, prefix, [.. rows.Select(r => r.index)]));
    }

    /// <summary>Renames the shared rules' error keys (<c>contacts[0].email</c>) to this form's field names.</summary>
    public static Dictionary<string, string[]> FieldErrors(
        IReadOnlyDictionary<string, string[]> errors, string prefix, IReadOnlyList<int>? contactRows = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in errors)
        {
            fields[FieldName(key, prefix, contactRows)] = messages;
        }

        return fields;
    }

    private static string FieldName(string key, string prefix, IReadOnlyList<int>? contactRows)
    {
        if (key.StartsWith("contacts[", StringComparison.Ordinal)
            && key.IndexOf(']', StringComparison.Ordinal) is var close and > 9
            && int.TryParse(key.AsSpan(9, close - 9), out var contact))
        {
            var row = contactRows is not null && contact < contactRows.Count ? contactRows[contact] : contact;
            var field = key[(close + 1)..] switch
            {
                ".name" => nameof(ContactRow.Name),
                ".role" => nameof(ContactRow.Role),
                ".phone" => nameof(ContactRow.Phone),
                ".language" => nameof(ContactRow.Language),
                _ => nameof(ContactRow.Email),
            };
            return $"{prefix}.{nameof(Contacts)}[{row}].{field}";
        }

        return key switch
        {
            "name" => $"{prefix}.{nameof(Name)}",
            "category" => $"{prefix}.{nameof(Category)}",
            "externalId" => $"{prefix}.{nameof(ExternalId)}",
            "status" => $"{prefix}.{nameof(Status)}",
            "contacts" => $"{prefix}.{nameof(Contacts)}",
            _ => string.Empty,
        };
    }
}

public sealed class ContactRow
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Role { get; set; }

    public string? Phone { get; set; }

    /// <summary>A language code (Language.All), or null for the campaign's language.</summary>
    public string? Language { get; set; }

    /// <summary>Nothing typed: not a contact. A language chosen alone is not typed either (it has a default).</summary>
    public bool IsBlank =>
        string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Phone);

    /// <summary>The fields in form order, for the error summary.</summary>
    public static readonly string[] FieldOrder = [nameof(Name), nameof(Email), nameof(Role), nameof(Phone), nameof(Language)];
}
