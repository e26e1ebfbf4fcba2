using CsCheck;
using SupplierQuality.Email.Templates;

namespace SupplierQuality.Email.Tests;

public sealed class ZoneTests
{
    private static readonly Zone Berlin = Find("Europe/Berlin");
    private static readonly Zone NewYork = Find("America/New_York");

    private static Zone Find(string id) => Zone.TryFind(id, out var zone) ? zone : throw new InvalidOperationException($"No {id} on this machine: install tzdata.");

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static DateTime Local(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);

    [Theory]
    [InlineData("Europe/Berlin", 2030, 7, "1 July 2030, 12:00 (UTC+02:00, Europe/Berlin)")]
    [InlineData("Europe/Berlin", 2030, 1, "1 January 2030, 11:00 (UTC+01:00, Europe/Berlin)")]
    [InlineData("America/New_York", 2030, 7, "1 July 2030, 06:00 (UTC-04:00, America/New_York)")]
    [InlineData("America/New_York", 2030, 1, "1 January 2030, 05:00 (UTC-05:00, America/New_York)")]
    [InlineData("Asia/Kolkata", 2030, 7, "1 July 2030, 15:30 (UTC+05:30, Asia/Kolkata)")]
    [InlineData("UTC", 2030, 7, "1 July 2030, 10:00 UTC")]
    public void A_time_is_shown_in_its_zone_with_the_offset_of_that_season(string id, int year, int month, string shown) =>
        Assert.Equal(shown, Find(id).Show(Utc(year, month, 1, 10)));

    [Fact]
    public void The_day_and_the_input_value_are_those_of_the_zone()
    {
        var lateEvening = Utc(2030, 3, 31, 22, 30);

        Assert.Equal(("1 April 2030", "2030-04-01T00:30"), (Berlin.Day(lateEvening), Berlin.Input(lateEvening)));
        Assert.Equal(("31 March 2030", "2030-03-31T22:30"), (Zone.Utc.Day(lateEvening), Zone.Utc.Input(lateEvening)));
        Assert.Equal("Europe/Berlin (now UTC+02:00)", Berlin.Label(lateEvening));
        Assert.Equal("UTC", Zone.Utc.Label(lateEvening));
    }

    [Fact]
    public void A_typed_time_is_read_in_the_zone_in_summer_and_in_winter()
    {
        Assert.True(Zone.TryParseInput("2030-07-01T12:00", out var summer));
        Assert.True(Zone.TryParseInput("2030-01-01 11:00", out var winter));

        Assert.True(Berlin.TryResolve(summer, out var summerAt, out _));
        Assert.True(Berlin.TryResolve(winter, out var winterAt, out _));
        Assert.Equal(Utc(2030, 7, 1, 10), summerAt);
        Assert.Equal(TimeSpan.Zero, summerAt.Offset);
        Assert.Equal(Utc(2030, 1, 1, 10), winterAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("31/03/2030 17:00")]
    [InlineData("2030-02-30T10:00")]
    [InlineData("0001-01-01T00:00")]
    [InlineData("tomorrow")]
    public void What_is_not_a_date_and_time_is_not_read(string typed) =>
        Assert.False(Zone.TryParseInput(typed, out _));

    [Fact]
    public void A_time_the_clocks_skip_when_they_go_forward_is_refused_with_the_gap_named()
    {
        Assert.False(Berlin.TryResolve(Local(2030, 3, 31, 2, 30), out _, out var problem));
        Assert.Equal(
            "There is no 02:30 on 31 March 2030 in Europe/Berlin: the clocks go forward from 02:00 to 03:00 that night (UTC+01:00 to UTC+02:00). Enter a time outside the gap, such as 03:30.",
            problem);

        Assert.False(NewYork.TryResolve(Local(2030, 3, 10, 2, 0), out _, out var atTheChange));
        Assert.Contains("the clocks go forward from 02:00 to 03:00 that night (UTC-05:00 to UTC-04:00)", atTheChange, StringComparison.Ordinal);

        // Either side of the gap is a time like any other.
        Assert.True(Berlin.TryResolve(Local(2030, 3, 31, 1, 59), out var before, out _));
        Assert.True(Berlin.TryResolve(Local(2030, 3, 31, 3, 0), out var after, out _));
        Assert.Equal(TimeSpan.FromMinutes(1), after - before);
    }

    [Fact]
    public void A_time_the_clocks_pass_twice_when_they_go_back_is_the_first_of_the_two()
    {
        Assert.True(Berlin.TryResolve(Local(2030, 10, 27, 2, 30), out var twice, out _));
        Assert.True(Berlin.TryResolve(Local(2030, 10, 27, 1, 59), out var before, out _));
        Assert.True(Berlin.TryResolve(Local(2030, 10, 27, 3, 0), out var after, out _));

        Assert.Equal(Utc(2030, 10, 27, 0, 30), twice);
        Assert.Equal("27 October 2030, 02:30 (UTC+02:00, Europe/Berlin)", Berlin.Show(twice));
        Assert.Equal("27 October 2030, 02:30 (UTC+01:00, Europe/Berlin)", Berlin.Show(twice.AddHours(1)));
        Assert.Equal(Utc(2030, 10, 26, 23, 59), before);
        Assert.Equal(Utc(2030, 10, 27, 2, 0), after);
    }

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("europe/berlin", "Europe/Berlin")]
    [InlineData(" America/New_York ", "America/New_York")]
    [InlineData("UTC", "UTC")]
    [InlineData("Etc/UTC", "UTC")]
    [InlineData("Etc/GMT-2", "Etc/GMT-2")]
    public void A_zone_is_found_by_its_IANA_id_as_the_database_spells_it(string id, string found)
    {
        Assert.True(Zone.TryFind(id, out var zone));
        Assert.Equal(found, zone.Id);
        Assert.Equal(found, Zone.OrUtc(id).Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("../../etc/passwd")]
    [InlineData("Europe/Berlin/../../../etc/passwd")]
    [InlineData("+02:00")]
    public void Anything_else_is_no_zone_and_reads_as_UTC_where_it_was_stored(string? id)
    {
        Assert.False(Zone.TryFind(id, out _));
        Assert.Same(Zone.Utc, Zone.OrUtc(id));
        Assert.EndsWith(".", Zone.Unknown(id), StringComparison.Ordinal);
    }

    [Fact]
    public void The_unknown_zone_message_names_what_was_typed_and_what_to_use()
    {
        Assert.Equal(
            "'Mars/Olympus_Mons' is not a time zone: use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.",
            Zone.Unknown(" Mars/Olympus_Mons "));
        Assert.Equal("Choose a time zone.", Zone.Unknown(" "));
    }

    [Fact]
    public void The_list_of_zones_starts_with_UTC_and_adds_a_choice_it_lacks()
    {
        Assert.Same(Zone.Utc, Zone.All[0]);
        Assert.Contains(Zone.All, z => z.Id == "Europe/Berlin");
        Assert.DoesNotContain(Zone.All.Skip(1), z => z.Id is "UTC" or "Etc/UTC");
        Assert.Same(Zone.All, Zone.AllWith("Europe/Berlin"));
        Assert.Same(Zone.All, Zone.AllWith("Mars/Olympus_Mons"));
        // A zone found by exact name that the list does not hold (an old name a browser reports, an Etc zone): a
        // select still shows it, first.
        Assert.DoesNotContain(Zone.All, z => z.Id == "Etc/GMT-2");
        Assert.Equal("Etc/GMT-2", Zone.AllWith("Etc/GMT-2")[0].Id);
        Assert.Equal(Zone.All.Count + 1, Zone.AllWith("Etc/GMT-2").Count);
    }

    [Fact]
    public void Every_time_shown_in_a_zone_reads_back_as_itself_or_where_the_clocks_go_back_as_the_first_of_the_two()
    {
        var zones = Gen.OneOf(Berlin, NewYork, Find("Australia/Lord_Howe"), Find("Asia/Kolkata"), Find("America/Sao_Paulo"), Zone.Utc);
        var minutes = Gen.Long[0, 100L * 366 * 24 * 60].Select(m => Utc(2000, 1, 1, 0).AddMinutes(m));
        Gen.Select(zones, minutes).Sample((zone, at) =>
        {
            Assert.True(Zone.TryParseInput(zone.Input(at), out var local));
            Assert.True(zone.TryResolve(local, out var read, out _));
            var twice = read != at;
            Assert.True(!twice || (read < at && zone.Input(read) == zone.Input(at)), $"{zone} {at:O} read back as {read:O}");
        });
    }
}
