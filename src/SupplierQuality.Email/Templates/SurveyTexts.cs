namespace SupplierQuality.Email.Templates;

/// <summary>
/// The default subject and intro of a campaign's email, one pair per respondent group: a supplier's contact is asked
/// how working with the buying company goes; an internal evaluator is asked to rate the supplier named. A new campaign
/// form starts with them and the API uses them for a text it leaves out. Placeholders: see <see cref="MailTemplate"/>.
/// </summary>
public static class SurveyTexts
{
    public const string ContactSubject = "How is working with {{buyer_name}} going?";

    public const string ContactIntro = """
        Dear {{contact_name}},

        How is working with {{buyer_name}} going for {{supplier_name}}? Please tell us what works well and what we could do better. The survey takes about ten minutes, and your answers help us work better together.
        """;

    /// <summary>Names the supplier: an evaluator gets one email per supplier, and the subject tells them apart.</summary>
    public const string EvaluatorSubject = "Please rate {{supplier_name}}";

    public const string EvaluatorIntro = """
        Dear {{contact_name}},

        Please rate {{supplier_name}} as a supplier to {{buyer_name}}, from your own experience of working with them. The survey takes about ten minutes. You get one email like this for each supplier you are asked to rate.
        """;
}
