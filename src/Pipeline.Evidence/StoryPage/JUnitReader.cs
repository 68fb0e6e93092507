using System.Xml;
using System.Xml.Linq;

namespace Pipeline.Evidence.StoryPage;

/// <summary>Counts test cases in a JUnit XML file and those with a <c>failure</c> or <c>error</c> child.</summary>
internal static class JUnitReader
{
    public static TestCounts? Read(string path)
    {
        try
        {
            var document = XDocument.Load(path);
            var cases = document.Descendants().Where(e => e.Name.LocalName == "testcase").ToList();
            if (cases.Count == 0) return null;
            var failed = cases.Count(c => c.Elements().Any(e => e.Name.LocalName is "failure" or "error"));
            return new TestCounts(cases.Count, failed);
        }
        catch (Exception exception) when (exception is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
