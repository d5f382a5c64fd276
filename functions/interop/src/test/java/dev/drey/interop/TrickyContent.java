package dev.drey.interop;

import java.util.ArrayList;
import java.util.List;

/** Contents that break naive JSON serializers: every escape class JSON.stringify knows. */
final class TrickyContent {
    private TrickyContent() {
    }

    static List<String> all() {
        List<String> out = new ArrayList<>();
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
            out.add("control " + (int) c + ":" + c + ":end");
        }
        out.add(controls.toString());
        out.add("quotes \" and backslashes \\ and \\\" and \\\\n");
        out.add("line separators \u2028 and \u2029");
        out.add("emoji 😀🇩🇪👩‍👩‍👧 and non-BMP \uD800\uDC00 \uDBFF\uDFFF");
        out.add("mixed \u0000\"\\\u2028😀\u007f\u0080\u00ff\uffff");
        out.add("");
        out.add("/ slashes </script> & <>");
        return out;
    }
}
