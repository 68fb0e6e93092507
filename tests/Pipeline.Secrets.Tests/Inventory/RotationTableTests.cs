using Pipeline.Secrets.Inventory;

namespace Pipeline.Secrets.Tests.Inventory;

public sealed class RotationTableTests
{
    private const string Hostile = "x|y <script>\u202E`";

    [Fact]
    public void Inventory_values_are_escaped_so_each_row_keeps_its_ten_columns_and_shows_no_markup()
    {
        var entry = new SecretInventoryEntry
        {
            Name = "EVIL|`NAME", Parameter = "Evil", Purpose = Hostile, Owner = Hostile, StoredIn = "vault", Location = Hostile,
            Environments = [Hostile, "ci"], RotationDays = 30, LastRotated = Hostile, Escalation = Hostile,
        };

        var table = RotationTable.Render([entry], new DateOnly(2026, 11, 28), 14);

        var row = table.Split('\n')[2];
        Assert.Equal(11, row.Replace("\\|", "").Count(c => c == '|'));
        Assert.StartsWith(@"| `EVIL\|'NAME` (`--evil`) | x\|y &lt;script&gt;U+202E\` |", row);
        Assert.DoesNotContain("<script>", table);
        Assert.DoesNotContain("\u202E", table);
    }
}
