package dev.trailwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code report --html}: one page that loads nothing from anywhere and shows hostile values as text. The database
 * holds the {@code accounts} fixture and a forged log file whose principal, region, source address and error code
 * are HTML and script.
 */
class ReportCommandTest {

    static final String EVIL_USER = "arn:aws:iam::111122223333:user/<img src=http://evil.example/x onerror=alert(1)>";
    static final Pattern OUTSIDE = Pattern.compile("(?i)^\\s*(https?:)?//");

    @TempDir
    static Path tmp;
    static Path page;
    static String html;
    static Document dom;

    @BeforeAll
    static void reportOnTheFixtureAndAForgedFile() throws Exception {
        Path db = tmp.resolve("db");
        assertThat(Cli.run("process", "--db", db.toString(), TrailFixture.resourceTrail("accounts").toString(),
                TrailFixture.resourceTrail("hostile").toString()).status()).isZero();
        page = tmp.resolve("report.html");
        Cli.Result run = Cli.run("report", "--db", db.toString(), "--html", page.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("report written to " + page + " (11 events, 4 principals)"
                + System.lineSeparator());
        html = Cli.read(page);
        dom = parse(html);
    }

    /** The page is well-formed XML too: parsed whole, nothing hides in a malformed corner. */
    static Document parse(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    static List<Element> elements() {
        NodeList all = dom.getElementsByTagName("*");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }

    /** The text of each such element, its tooltip (an SVG title) left out. */
    static List<String> texts(String tag, String cssClass) {
        return elements().stream().filter(e -> e.getTagName().equals(tag))
                .filter(e -> cssClass == null || e.getAttribute("class").equals(cssClass))
                .map(e -> {
                    Element copy = (Element) e.cloneNode(true);
                    NodeList titles = copy.getElementsByTagName("title");
                    while (titles.getLength() > 0) {
                        titles.item(0).getParentNode().removeChild(titles.item(0));
                    }
                    return copy.getTextContent();
                }).toList();
    }

    static List<String> tooltips(String tag, String cssClass) {
        return elements().stream().filter(e -> e.getTagName().equals(tag))
                .filter(e -> e.getAttribute("class").equals(cssClass))
                .map(e -> e.getElementsByTagName("title").item(0).getTextContent()).toList();
    }

    @Test
    void thePageHasNoScriptAndNothingThatLoadsFromElsewhere() {
        for (Element e : elements()) {
            assertThat(e.getTagName()).isNotIn("script", "img", "link", "iframe", "object", "embed", "image",
                    "use", "audio", "video", "source", "a", "form", "base", "meta-refresh");
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.item(i).getNodeName();
                String value = attributes.item(i).getNodeValue();
                assertThat(name).isNotIn("src", "href", "xlink:href", "srcset", "action", "background")
                        .doesNotStartWith("on");
                assertThat(value).doesNotContainPattern(OUTSIDE).doesNotContain("url(");
            }
        }
        String css = String.join("\n", texts("style", null));
        assertThat(css).isNotBlank().doesNotContain("@import").doesNotContain("url(");
        assertThat(html).doesNotContainPattern("(?i)<script").doesNotContainPattern("(?i)url\\(\\s*['\"]?https?:");
    }

    @Test
    void hostileValuesAreShownAsTheTextTheyAre() {
        assertThat(texts("td", null)).contains(EVIL_USER,
                "us-east-1\"><script src=\"https://evil.example/x.js\"></script>",
                "</style><link rel=stylesheet href=http://evil.example/x.css>\uFFFD[2J",
                "'&amp;\"<svg onload=alert(1)>");
        assertThat(html).doesNotContain("\u001b");
    }

    @Test
    void theTimelineHasOneRowPerPrincipalAndMarksEachMutatingCallWithItsSeverity() {
        assertThat(texts("text", "principal")).hasSize(4).contains("arn:aws:iam::111122223333:role/Admin",
                "arn:aws:iam::444455556666:user/Bob");
        assertThat(texts("g", "call high")).hasSize(5);
        assertThat(texts("g", "call medium")).hasSize(1);
        assertThat(texts("g", "call low")).hasSize(2);
        assertThat(texts("circle", "read")).hasSize(3);
        // The letter says the severity without colour.
        assertThat(texts("text", "letter")).containsOnly("H", "M", "L").hasSize(8);
        assertThat(tooltips("g", "call high")).contains("2018-06-15T09:00:00Z DeleteAnalyzer by"
                + " arn:aws:iam::111122223333:role/Admin (HIGH) failed: AccessDenied");
        assertThat(tooltips("text", "principal")).contains(EVIL_USER);
    }

    @Test
    void theHighAlertsAreListedInTimeOrder() {
        List<String> rows = elements().stream()
                .filter(e -> e.getTagName().equals("tr") && ((Element) e.getParentNode()).getAttribute("class")
                        .equals("alerts"))
                .map(e -> e.getTextContent()).skip(1).toList();

        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).startsWith("2018-06-14T11:00:00Zarn:aws:iam::111122223333:user/AliceDeleteAnalyzer");
        assertThat(rows.get(3)).startsWith("2018-06-15T10:10:00Zarn:aws:iam::444455556666:user/BobCreateArchiveRule");
        assertThat(rows.get(4)).startsWith("2018-06-15T12:00:00Z" + EVIL_USER);
    }

    @Test
    void callsAreCountedPerAccountAndPerRegion() {
        List<String> cells = texts("td", null);

        assertThat(String.join("|", cells)).contains("111122223333|7|5|5", "444455556666|4|3|3",
                "eu-west-1|2|1|1", "us-east-1|8|6|6");
    }

    @Test
    void anHtmlFileInAFolderThatDoesNotExistIsAUsageError() {
        Cli.Result run = Cli.run("report", "--db", tmp.resolve("db").toString(), "--html",
                tmp.resolve("missing/report.html").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--html " + tmp.resolve("missing/report.html") + ": its folder does not exist");
    }
}
