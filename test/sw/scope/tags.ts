// A review page's script, as a site's would be: the tags, defined (the page's HTML has them).
import '../../../components/define.js';
