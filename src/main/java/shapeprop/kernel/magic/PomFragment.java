package shapeprop.kernel.magic;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of a {@code %%loadFromPOM} cell as a whole POM: what a library's README says to paste into a pom.xml,
 * as IJava takes it. A {@code <project>} is used as it is; otherwise loose {@code <dependency>} and
 * {@code <repository>} elements, and {@code <dependencies>}, {@code <repositories>}, {@code <properties>} and
 * {@code <dependencyManagement>} blocks, go into a project of their own.
 */
final class PomFragment {

    /** The elements a fragment may hold, each with the block of the POM it goes into (null: is that block). */
    private static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("properties", null);
        PARTS.put("dependencyManagement", null);
        PARTS.put("dependencies", null);
        PARTS.put("dependency", "dependencies");
        PARTS.put("repositories", null);
        PARTS.put("repository", "repositories");
    }

    /** A byte order mark and an XML declaration ({@code <?xml version="1.0"?>}) at the start of the cell. */
    private static final Pattern XML_DECLARATION = Pattern.compile("\\A\uFEFF?\\s*<\\?xml\\s[^>]*\\?>");

    private PomFragment() {
    }

    /** The POM for {@code body}; a MagicException names what is not XML or not a part of a POM. */
    static String toPom(String cell) throws MagicException {
        // A whole pom.xml pasted with its first line: inside <fragment> its declaration would be illegal.
        String body = XML_DECLARATION.matcher(cell).replaceFirst("");
        Document fragment = parse("<fragment>" + body + "</fragment>");
        List<Element> elements = children(fragment.getDocumentElement());
        if (elements.size() == 1 && elements.get(0).getTagName().equals("project")) {
            return body;
        }
        if (elements.isEmpty()) {
            throw new MagicException("%%loadFromPOM: the cell has no POM in it; paste <dependency> elements below "
                    + "the first line, e.g.\n%%loadFromPOM\n<dependency>\n  <groupId>org.apache.commons</groupId>\n"
                    + "  <artifactId>commons-text</artifactId>\n  <version>1.12.0</version>\n</dependency>");
        }
        Document pom = newBuilder().newDocument();
        Element project = pom.createElement("project");
        pom.appendChild(project);
        append(project, "modelVersion", "4.0.0");
        append(project, "groupId", "shapeprop.notebook");
        append(project, "artifactId", "loadFromPOM");
        append(project, "version", "1");
        Map<String, Element> blocks = new LinkedHashMap<>();
        for (String name : PARTS.keySet()) {
            if (PARTS.get(name) == null) {
                blocks.put(name, pom.createElement(name));
            }
        }
        for (Element e : elements) {
            String name = e.getTagName();
            if (!PARTS.containsKey(name)) {
                throw new MagicException("%%loadFromPOM: <" + name + "> is not something it loads; paste <dependency> "
                        + "and <repository> elements (or <dependencies>, <repositories>, <properties>, "
                        + "<dependencyManagement>, or a whole <project>).");
            }
            Node copy = pom.importNode(e, true);
            String into = PARTS.get(name);
            if (into == null) {
                // a block: its children join those of the same block pasted elsewhere in the cell
                while (copy.getFirstChild() != null) {
                    blocks.get(name).appendChild(copy.getFirstChild());
                }
            } else {
                blocks.get(into).appendChild(copy);
            }
        }
        blocks.values().stream().filter(Node::hasChildNodes).forEach(project::appendChild);
        return serialize(pom);
    }

    private static void append(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElement(name);
        e.setTextContent(text);
        parent.appendChild(e);
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static Document parse(String xml) throws MagicException {
        try {
            return newBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new MagicException("%%loadFromPOM: the cell is not well-formed XML (" + e.getMessage()
                    + "); paste the <dependency> elements exactly as the library's README gives them.");
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // a pasted fragment never needs a DTD or an external entity; refuse them rather than fetch anything
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The JDK's default handler prints "[Fatal Error] :1:16: …" on the cell's stderr; the error comes back
            // in the MagicException instead.
            builder.setErrorHandler(new DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }

    private static String serialize(Document pom) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(pom), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("writing a DOM to a string cannot fail", e);
        }
    }
}
