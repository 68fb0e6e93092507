using System.Text;
using Pipeline.Perf.K6Results;

namespace Pipeline.Perf.Tests.K6Results;

public sealed class LineBlockPipelineTests
{
    // Hands out a few bytes per read, as pipes and decompressors do.
    private sealed class TrickleStream(byte[] data, Random random) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, random.Next(1, 50)));
    }

    [Fact]
    public void Every_byte_comes_out_once_in_order_whatever_the_block_size_and_the_reads()
    {
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            // Empty files, CRLF, lines longer than a block, with and without a last line break.
            var text = new StringBuilder();
            var lines = random.Next(0, 30);
            for (var i = 0; i < lines; i++)
            {
                text.Append((char)('a' + random.Next(26)), random.Next(0, random.Next(2) == 0 ? 5 : 400));
                if (i < lines - 1 || random.Next(2) == 0) text.Append(random.Next(3) == 0 ? "\r\n" : "\n");
            }
            var data = Encoding.ASCII.GetBytes(text.ToString());
            var output = new List<byte>();
            var endSeen = false;
            LineBlockPipeline.Run(new TrickleStream(data, random), random.Next(1, 300), int.MaxValue, block => block.ToArray(), block =>
            {
                Assert.True(!endSeen || !block.Contains((byte)'\n'), "only the unterminated last line comes after atEnd");
                output.AddRange(block);
            }, overlongLine: () => Assert.Fail("no line is over the limit"), atEnd: () => endSeen = true);
            Assert.True(endSeen);
            Assert.Equal(data, output.ToArray());
        }
    }

    [Fact]
    public void The_whole_lines_read_before_a_failure_are_applied_before_it_surfaces()
    {
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, 1000).Select(i => $"line {i}\n")));
        var applied = new List<string>();
        var failing = new FailingStream(data, failAfter: 5000);
        Assert.Throws<IOException>(() => LineBlockPipeline.Run(failing, 1024, int.MaxValue, block => Encoding.ASCII.GetString(block.Span), applied.Add, overlongLine: () => { }));
        var lines = string.Concat(applied).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Encoding.ASCII.GetString(data, 0, 5000).Count(c => c == '\n'), lines.Length); // every whole line before byte 5000
        Assert.Equal(Enumerable.Range(1, lines.Length).Select(i => $"line {i}"), lines);
    }

    private sealed class FailingStream(byte[] data, int failAfter) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAfter) throw new IOException("disk gone");
            return base.Read(buffer, offset, (int)Math.Min(count, failAfter - Position));
        }
    }
}
