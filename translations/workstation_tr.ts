<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>Anonymization</name>
    <message>
        <source>AI / QA dataset</source>
        <translation>Yapay zekâ / kalite veri seti</translation>
    </message>
    <message>
        <source>Clinical trial</source>
        <translation>Klinik araştırma</translation>
    </message>
    <message>
        <source>For a second reading by a trusted party: UIDs and full dates kept so the result can be linked back; names and IDs removed.</source>
        <translation>Güvenilir bir tarafın ikinci okuması için: sonuç yeniden eşleştirilebilsin diye UID&apos;ler ve tam tarihler korunur; adlar ve kimlik numaraları silinir.</translation>
    </message>
    <message>
        <source>For algorithm training and quality assurance: modified dates, patient characteristics, device identity and safe private attributes kept; pixels, descriptors and structured content cleaned.</source>
        <translation>Algoritma eğitimi ve kalite güvencesi için: değiştirilmiş tarihler, hasta özellikleri, cihaz kimliği ve güvenli özel öznitelikler korunur; pikseller, tanımlayıcılar ve yapılandırılmış içerik temizlenir.</translation>
    </message>
    <message>
        <source>For retrospective research: dates shifted consistently per patient, patient characteristics and safe private attributes kept, free text cleaned.</source>
        <translation>Retrospektif araştırma için: tarihler her hastada tutarlı biçimde kaydırılır, hasta özellikleri ve güvenli özel öznitelikler korunur, serbest metin temizlenir.</translation>
    </message>
    <message>
        <source>For teaching files and publication: everything identifying is removed or cleaned, including text burned into pixels and recognisable features.</source>
        <translation>Eğitim dosyaları ve yayın için: piksellere gömülü metin ve tanınabilir özellikler dahil kimlik belirten her şey silinir veya temizlenir.</translation>
    </message>
    <message>
        <source>Research (longitudinal)</source>
        <translation>Araştırma (boylamsal)</translation>
    </message>
    <message>
        <source>Research profile plus device and institution identity, with pseudonymous patient IDs, for multi-centre trials.</source>
        <translation>Çok merkezli araştırmalar için: araştırma profiline ek olarak cihaz ve kurum kimliği, takma adlı hasta kimlik numaralarıyla.</translation>
    </message>
    <message>
        <source>Second opinion (re-linkable)</source>
        <translation>İkinci görüş (yeniden eşleştirilebilir)</translation>
    </message>
    <message>
        <source>Teaching / public</source>
        <translation>Eğitim / yayın</translation>
    </message>
</context>
<context>
    <name>AnonymizedExportDialog</name>
    <message>
        <source>Export anonymized</source>
        <translation>Anonimleştirerek dışa aktar</translation>
    </message>
    <message>
        <source>Whole study</source>
        <translation>Tüm tetkik</translation>
    </message>
    <message>
        <source>Current series</source>
        <translation>Geçerli seri</translation>
    </message>
    <message>
        <source>Key images</source>
        <translation>Anahtar görüntüler</translation>
    </message>
    <message>
        <source>DICOM, de-identified</source>
        <translation>DICOM, kimliksizleştirilmiş</translation>
    </message>
    <message>
        <source>PNG pictures</source>
        <translation>PNG resimleri</translation>
    </message>
    <message>
        <source>JPEG pictures</source>
        <translation>JPEG resimleri</translation>
    </message>
    <message>
        <source>One zip file</source>
        <translation>Tek zip dosyası</translation>
    </message>
    <message>
        <source>Burn in series, image and window text</source>
        <translation>Seri, görüntü ve pencere bilgisini resme yaz</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Görüntüler</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Biçim</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Hedef</translation>
    </message>
    <message>
        <source>Zip file (*.zip)</source>
        <translation>Zip dosyası (*.zip)</translation>
    </message>
    <message>
        <source>Choose a destination.</source>
        <translation>Bir hedef seçin.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Connect to hub</source>
        <translation>Merkeze bağlan</translation>
    </message>
    <message>
        <source>Address of the reading hub (for example https://hub.example:8443):</source>
        <translation>Okuma merkezinin adresi (örneğin https://hub.example:8443):</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>No system keychain is available, so the image cache is encrypted with a key that exists only until you close the workstation. Studies you open will be downloaded again next time.</source>
        <translation>Sistem anahtarlığı kullanılamıyor; görüntü önbelleği yalnızca iş istasyonunu kapatana kadar var olan bir anahtarla şifreleniyor. Açtığınız tetkikler bir dahaki sefere yeniden indirilecek.</translation>
    </message>
    <message>
        <source>The image cache key in the system keychain was unreadable and has been replaced. Previously cached studies will be downloaded again.</source>
        <translation>Sistem anahtarlığındaki görüntü önbelleği anahtarı okunamadı ve yenisiyle değiştirildi. Daha önce önbelleğe alınan tetkikler yeniden indirilecek.</translation>
    </message>
    <message>
        <source>Signed in, but the image cache could not be opened (%1). Check the disk and try again.</source>
        <translation>Oturum açıldı ancak görüntü önbelleği açılamadı (%1). Diski kontrol edip yeniden deneyin.</translation>
    </message>
</context>
<context>
    <name>AutoRefresh</name>
    <message>
        <source>How often the worklist reloads by itself</source>
        <translation>İş listesinin kendiliğinden ne sıklıkla yenileneceği</translation>
    </message>
    <message>
        <source>Beep on a new STAT study</source>
        <translation>Yeni ACİL tetkikte sesli uyarı</translation>
    </message>
    <message>
        <source>Auto-refresh: %1</source>
        <translation>Otomatik yenileme: %1</translation>
    </message>
    <message>
        <source>off</source>
        <translation>kapalı</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 dk</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 sn</translation>
    </message>
</context>
<context>
    <name>CacheActions</name>
    <message>
        <source>&amp;Local data</source>
        <translation>&amp;Yerel veriler</translation>
    </message>
    <message>
        <source>Clear local cache…</source>
        <translation>Yerel önbelleği temizle…</translation>
    </message>
    <message>
        <source>Delete the images kept on this computer (an open study is kept)</source>
        <translation>Bu bilgisayarda tutulan görüntüleri sil (açık tetkik korunur)</translation>
    </message>
    <message>
        <source>Purge local data at sign-out</source>
        <translation>Oturum kapanınca yerel verileri sil</translation>
    </message>
    <message>
        <source>At sign-out, destroy the cached images, the offline sign-in and the saved worklist of this computer</source>
        <translation>Oturum kapanınca bu bilgisayardaki önbellek görüntülerini, çevrimdışı oturum bilgisini ve kayıtlı iş listesini yok et</translation>
    </message>
    <message>
        <source>Delete all images kept on this computer (%1)? A study open in the viewer is kept. Studies are downloaded again when opened.</source>
        <translation>Bu bilgisayarda tutulan tüm görüntüler (%1) silinsin mi? Görüntüleyicide açık olan tetkik korunur. Tetkikler açıldıklarında yeniden indirilir.</translation>
    </message>
    <message>
        <source>Local cache cleared: %1 freed.</source>
        <translation>Yerel önbellek temizlendi: %1 boşaltıldı.</translation>
    </message>
    <message numerus="yes">
        <source>%n open study kept.</source>
        <translation>
            <numerusform>%n açık tetkik korundu.</numerusform>
        </translation>
    </message>
    <message>
        <source>The local cache could not be cleared (%1).</source>
        <translation>Yerel önbellek temizlenemedi (%1).</translation>
    </message>
</context>
<context>
    <name>CachePage</name>
    <message>
        <source>Local cache</source>
        <translation>Yerel önbellek</translation>
    </message>
    <message>
        <source>Cache size limit in gigabytes</source>
        <translation>Gigabayt cinsinden önbellek boyut sınırı</translation>
    </message>
    <message>
        <source> days</source>
        <translation> gün</translation>
    </message>
    <message>
        <source>Days a study is kept after it was last opened</source>
        <translation>Bir tetkikin son açılışından sonra saklandığı gün sayısı</translation>
    </message>
    <message>
        <source>Worklist studies downloaded ahead</source>
        <translation>İş listesinden önceden indirilen tetkik sayısı</translation>
    </message>
    <message>
        <source>Delete all local images and drafts when I sign out</source>
        <translation>Oturumu kapattığımda tüm yerel görüntüleri ve taslakları sil</translation>
    </message>
    <message>
        <source>Images are stored encrypted. Studies open in a viewer are never removed to make room. New limits apply as soon as you save.</source>
        <translation>Görüntüler şifreli saklanır. Görüntüleyicide açık tetkikler yer açmak için asla silinmez. Yeni sınırlar kaydettiğiniz anda geçerli olur.</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>Boyut sınırı</translation>
    </message>
    <message>
        <source>Keep studies for</source>
        <translation>Tetkiklerin saklanma süresi</translation>
    </message>
    <message>
        <source>Prefetch next studies</source>
        <translation>Sonraki tetkikleri önceden indir</translation>
    </message>
</context>
<context>
    <name>CriticalDialog</name>
    <message>
        <source>Critical finding</source>
        <translation>Kritik bulgu</translation>
    </message>
    <message>
        <source>1 – Immediate (within minutes)</source>
        <translation>1 – Hemen (dakikalar içinde)</translation>
    </message>
    <message>
        <source>2 – Urgent (within hours)</source>
        <translation>2 – Acil (saatler içinde)</translation>
    </message>
    <message>
        <source>3 – Non-urgent (within days)</source>
        <translation>3 – Acil olmayan (günler içinde)</translation>
    </message>
    <message>
        <source>Name and role of the clinician told</source>
        <translation>Bilgilendirilen klinisyenin adı ve görevi</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Yüz yüze</translation>
    </message>
    <message>
        <source>Secure message</source>
        <translation>Güvenli mesaj</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Bulgu</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Alıcı</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Yöntem</translation>
    </message>
    <message>
        <source>Communicated at</source>
        <translation>Bildirim zamanı</translation>
    </message>
    <message>
        <source>Record and send</source>
        <translation>Kaydet ve gönder</translation>
    </message>
    <message>
        <source>Describe the finding.</source>
        <translation>Bulguyu yazın.</translation>
    </message>
    <message>
        <source>Say who was told.</source>
        <translation>Kimin bilgilendirildiğini yazın.</translation>
    </message>
</context>
<context>
    <name>CriticalReminder</name>
    <message>
        <source>⚠ Critical finding (category %1) not yet acknowledged by %2 (told %3).</source>
        <translation>⚠ Kritik bulgu (kategori %1) henüz %2 tarafından onaylanmadı (bildirim: %3).</translation>
    </message>
    <message>
        <source>%1 open in all.</source>
        <translation>Toplam %1 açık bildirim.</translation>
    </message>
</context>
<context>
    <name>DemoHintPanel</name>
    <message>
        <source>Demo hub — sign in with the demo reader account</source>
        <translation>Demo merkez — demo okuyucu hesabıyla oturum açın</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>Doldur</translation>
    </message>
    <message>
        <source>Put the demo username, password and current code in the form</source>
        <translation>Demo kullanıcı adını, parolayı ve geçerli kodu forma yaz</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>Current code</source>
        <translation>Geçerli kod</translation>
    </message>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>%n sn kaldı</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoStartupDialog</name>
    <message>
        <source>Starting the demo hub — Workstation</source>
        <translation>Demo merkez başlatılıyor — İş İstasyonu</translation>
    </message>
    <message>
        <source>Preparing the demo hub</source>
        <translation>Demo merkez hazırlanıyor</translation>
    </message>
    <message>
        <source>The first start generates the demo studies and can take a minute.</source>
        <translation>İlk açılışta demo tetkikler oluşturulur; bu bir dakika sürebilir.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Başlatılıyor…</translation>
    </message>
    <message>
        <source>Demo hub</source>
        <translation>Demo merkez</translation>
    </message>
    <message>
        <source>The demo hub could not be started: %1</source>
        <translation>Demo merkez başlatılamadı: %1</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>%1 image(s) exported to %2.</source>
        <translation>%1 görüntü %2 konumuna aktarıldı.</translation>
    </message>
    <message>
        <source>%1 picture(s) saved in %2.</source>
        <translation>%1 resim %2 konumuna kaydedildi.</translation>
    </message>
    <message>
        <source>%1 image(s) were left out (burned-in text or unreadable).</source>
        <translation>%1 görüntü dışarıda bırakıldı (gömülü metin var veya okunamadı).</translation>
    </message>
    <message>
        <source>%1 study(ies) with %2 image(s) and %3 report(s) saved in %4.</source>
        <translation>%1 tetkik, %2 görüntü ve %3 rapor %4 konumuna kaydedildi.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Dışa aktar</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Dışa aktarma başarısız: %1</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Patient name, ID or accession…</source>
        <translation>Hasta adı, kimlik no veya erişim no…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalite</translation>
    </message>
    <message>
        <source>All modalities</source>
        <translation>Tüm modaliteler</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Hastane</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Öncelik</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Temizle</translation>
    </message>
    <message>
        <source>Show the whole worklist again</source>
        <translation>Tüm iş listesini yeniden göster</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Tetkik tarihi</translation>
    </message>
    <message>
        <source>All hospitals</source>
        <translation>Tüm hastaneler</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tüm durumlar</translation>
    </message>
    <message>
        <source>To be read</source>
        <translation>Okunacak</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Okunmadı</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Okunuyor</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Raporlandı</translation>
    </message>
    <message>
        <source>Preliminary</source>
        <translation>Ön rapor</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Kesin rapor</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>Tüm öncelikler</translation>
    </message>
    <message>
        <source>STAT</source>
        <translation>ACİL</translation>
    </message>
    <message>
        <source>STAT and urgent</source>
        <translation>ACİL ve öncelikli</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Öncelikli</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Rutin</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Language and display</source>
        <translation>Dil ve görünüm</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Arayüz dili</translation>
    </message>
    <message>
        <source>As the operating system</source>
        <translation>İşletim sistemiyle aynı</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Renk teması</translation>
    </message>
    <message>
        <source>Dark (reading room)</source>
        <translation>Koyu (okuma odası)</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Yüksek karşıtlık</translation>
    </message>
    <message>
        <source>Hanging protocols: apply automatically</source>
        <translation>Yerleşim protokolleri: otomatik uygula</translation>
    </message>
    <message>
        <source>Apply hanging protocols automatically when a study opens</source>
        <translation>Bir tetkik açıldığında yerleşim protokollerini otomatik uygula</translation>
    </message>
    <message>
        <source>Windows opened from now on use the new language; reopen the worklist to switch it completely.</source>
        <translation>Bundan sonra açılan pencereler yeni dili kullanır; tamamen geçmek için iş listesini yeniden açın.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
</context>
<context>
    <name>HangingController</name>
    <message>
        <source>Hanging: %1 — stage %2 of %3: %4</source>
        <translation>Yerleşim: %1 — aşama %2/%3: %4</translation>
    </message>
    <message>
        <source>Not used by this hanging protocol</source>
        <translation>Bu yerleşim protokolünde kullanılmıyor</translation>
    </message>
    <message>
        <source>Loading the prior study…</source>
        <translation>Önceki tetkik yükleniyor…</translation>
    </message>
    <message>
        <source>No prior study</source>
        <translation>Önceki tetkik yok</translation>
    </message>
    <message>
        <source>No matching series in the prior study</source>
        <translation>Önceki tetkikte eşleşen seri yok</translation>
    </message>
    <message>
        <source>No matching series in this study</source>
        <translation>Bu tetkikte eşleşen seri yok</translation>
    </message>
    <message>
        <source>Loading the prior series…</source>
        <translation>Önceki seri yükleniyor…</translation>
    </message>
    <message>
        <source>No matching image in this series</source>
        <translation>Bu seride eşleşen görüntü yok</translation>
    </message>
    <message>
        <source>The prior study could not be loaded.</source>
        <translation>Önceki tetkik yüklenemedi.</translation>
    </message>
</context>
<context>
    <name>HangingProtocols</name>
    <message>
        <source>4-view</source>
        <translation>4 görüntü</translation>
    </message>
    <message>
        <source>Abdomen | liver</source>
        <translation>Batın | karaciğer</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>Kemik</translation>
    </message>
    <message>
        <source>Brain | bone</source>
        <translation>Beyin | kemik</translation>
    </message>
    <message>
        <source>CC: current over prior</source>
        <translation>CC: güncel üstte, önceki altta</translation>
    </message>
    <message>
        <source>CT abdomen</source>
        <translation>Batın BT</translation>
    </message>
    <message>
        <source>CT chest</source>
        <translation>Toraks BT</translation>
    </message>
    <message>
        <source>CT chest with prior</source>
        <translation>Toraks BT, önceki tetkikle</translation>
    </message>
    <message>
        <source>CT head</source>
        <translation>Beyin BT</translation>
    </message>
    <message>
        <source>Chest radiograph with prior</source>
        <translation>Akciğer grafisi, önceki tetkikle</translation>
    </message>
    <message>
        <source>Current | prior</source>
        <translation>Güncel | önceki</translation>
    </message>
    <message>
        <source>Current: lung | mediastinum</source>
        <translation>Güncel: akciğer | mediasten</translation>
    </message>
    <message>
        <source>Frontal | lateral</source>
        <translation>Frontal | yan</translation>
    </message>
    <message>
        <source>Generic</source>
        <translation>Genel</translation>
    </message>
    <message>
        <source>Largest series</source>
        <translation>En büyük seri</translation>
    </message>
    <message>
        <source>Lung | mediastinum</source>
        <translation>Akciğer | mediasten</translation>
    </message>
    <message>
        <source>MLO: current over prior</source>
        <translation>MLO: güncel üstte, önceki altta</translation>
    </message>
    <message>
        <source>MR brain</source>
        <translation>Beyin MR</translation>
    </message>
    <message>
        <source>Mammography screening</source>
        <translation>Mamografi tarama</translation>
    </message>
    <message>
        <source>T1 | T2 / FLAIR | DWI</source>
        <translation>T1 | T2 / FLAIR | DAG</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Lock now</source>
        <translation>Şimdi kilitle</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Denetleniyor…</translation>
    </message>
    <message>
        <source>Wrong password or code. Try again.</source>
        <translation>Parola veya kod yanlış. Yeniden deneyin.</translation>
    </message>
    <message>
        <source>Only the reader who locked the workstation can unlock it.</source>
        <translation>İş istasyonunun kilidini yalnızca kilitleyen okuyucu açabilir.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute, then try again.</source>
        <translation>Çok fazla deneme. Bir dakika bekleyip yeniden deneyin.</translation>
    </message>
    <message>
        <source>This account is locked. Contact your administrator.</source>
        <translation>Bu hesap kilitli. Yöneticinize başvurun.</translation>
    </message>
    <message>
        <source>The hub cannot be reached and this computer has no offline sign-in data for you. Try again when the network is back.</source>
        <translation>Merkeze ulaşılamıyor ve bu bilgisayarda sizin için çevrimdışı oturum bilgisi yok. Ağ bağlantısı geri geldiğinde yeniden deneyin.</translation>
    </message>
    <message>
        <source>Unlocking failed: %1</source>
        <translation>Kilit açılamadı: %1</translation>
    </message>
    <message>
        <source>hub error</source>
        <translation>merkez hatası</translation>
    </message>
</context>
<context>
    <name>KeyImageList</name>
    <message>
        <source>Series %1, image %2</source>
        <translation>Seri %1, görüntü %2</translation>
    </message>
</context>
<context>
    <name>LocalImport</name>
    <message>
        <source>Studies opened from a folder or disc have no hub or archive to send a report to.</source>
        <translation>Klasörden veya diskten açılan tetkiklerin rapor gönderilecek bir merkezi veya arşivi yok.</translation>
    </message>
    <message>
        <source>Open folder / DICOMDIR…</source>
        <translation>Klasör / DICOMDIR aç…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
</context>
<context>
    <name>LocalStudyOpener</name>
    <message>
        <source>Open folder or DICOMDIR (CD, USB stick)</source>
        <translation>Klasör veya DICOMDIR aç (CD, USB bellek)</translation>
    </message>
    <message>
        <source>No DICOM images were found there.</source>
        <translation>Orada DICOM görüntüsü bulunamadı.</translation>
    </message>
    <message>
        <source>Choose a study</source>
        <translation>Bir tetkik seçin</translation>
    </message>
    <message>
        <source>Studies found:</source>
        <translation>Bulunan tetkikler:</translation>
    </message>
    <message>
        <source>Opened from a folder or disc: reports are not sent from here.</source>
        <translation>Klasörden veya diskten açıldı: buradan rapor gönderilmez.</translation>
    </message>
    <message numerus="yes">
        <source>%n DICOM file(s) could not be read and are not shown.</source>
        <translation>
            <numerusform>%n DICOM dosyası okunamadı ve gösterilmiyor.</numerusform>
        </translation>
    </message>
    <message>
        <source>That folder or file does not exist.</source>
        <translation>Bu klasör veya dosya yok.</translation>
    </message>
    <message>
        <source>That folder cannot be read (no permission).</source>
        <translation>Bu klasör okunamıyor (izin yok).</translation>
    </message>
    <message>
        <source>The folder could not be read: %1</source>
        <translation>Klasör okunamadı: %1</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Workstation — locked</source>
        <translation>İş İstasyonu — kilitli</translation>
    </message>
    <message>
        <source>Workstation locked</source>
        <translation>İş istasyonu kilitli</translation>
    </message>
    <message>
        <source>Signed in as %1. Enter your password and the 6-digit code to continue; the open study and your report are kept.</source>
        <translation>%1 olarak oturum açık. Devam etmek için parolanızı ve 6 haneli kodu girin; açık tetkik ve raporunuz korunur.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>6 haneli kod</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Kilidi aç</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Parolanızı girin.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Cannot reach the hub at %1. Check the network connection and try again.</source>
        <translation>%1 adresindeki merkeze ulaşılamıyor. Ağ bağlantısını kontrol edip yeniden deneyin.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Kullanıcı adı veya parola yanlış.</translation>
    </message>
    <message>
        <source>The 6-digit code is wrong. Check your authenticator app and try again.</source>
        <translation>6 haneli kod yanlış. Doğrulama uygulamanızı kontrol edip yeniden deneyin.</translation>
    </message>
    <message>
        <source>This code has already been used. Wait for the next code (in %1 s) and enter it.</source>
        <translation>Bu kod zaten kullanıldı. Bir sonraki kodu bekleyin (%1 sn sonra) ve onu girin.</translation>
    </message>
    <message>
        <source>The sign-in took too long and has expired. Enter a fresh code and sign in again.</source>
        <translation>Oturum açma çok uzun sürdü ve süresi doldu. Yeni bir kod girip yeniden oturum açın.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute, then try again.</source>
        <translation>Çok fazla deneme. Bir dakika bekleyip yeniden deneyin.</translation>
    </message>
    <message>
        <source>This account is locked. Contact your administrator.</source>
        <translation>Bu hesap kilitli. Yöneticinize başvurun.</translation>
    </message>
    <message>
        <source>Your session has expired. Sign in again.</source>
        <translation>Oturumunuzun süresi doldu. Yeniden oturum açın.</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Oturum açılamadı: %1</translation>
    </message>
    <message>
        <source>Sign-in failed because of an unexpected error. Try again.</source>
        <translation>Beklenmeyen bir hata nedeniyle oturum açılamadı. Yeniden deneyin.</translation>
    </message>
    <message>
        <source>Wrong username or password for working offline.</source>
        <translation>Çevrimdışı çalışma için kullanıcı adı veya parola yanlış.</translation>
    </message>
    <message>
        <source>The offline sign-in data on this computer is damaged. Sign in online once the hub can be reached.</source>
        <translation>Bu bilgisayardaki çevrimdışı oturum bilgisi bozuk. Merkeze ulaşılabildiğinde çevrimiçi oturum açın.</translation>
    </message>
    <message>
        <source>Working offline needs an earlier online sign-in of this user on this computer. Sign in online once the hub can be reached.</source>
        <translation>Çevrimdışı çalışmak için bu kullanıcının bu bilgisayarda daha önce çevrimiçi oturum açmış olması gerekir. Merkeze ulaşılabildiğinde çevrimiçi oturum açın.</translation>
    </message>
    <message>
        <source>Sign in — Workstation</source>
        <translation>Oturum aç — İş İstasyonu</translation>
    </message>
    <message>
        <source>Sign in to the reading hub</source>
        <translation>Okuma merkezinde oturum açın</translation>
    </message>
    <message>
        <source>Hub: %1</source>
        <translation>Merkez: %1</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>6-digit code from your authenticator app</source>
        <translation>Doğrulama uygulamanızdaki 6 haneli kod</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Oturum aç</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>Çevrimdışı çalış</translation>
    </message>
    <message>
        <source>Open the studies already on this computer with the password of your last sign-in here; reports wait in the outbox until the hub is back</source>
        <translation>Bu bilgisayardaki tetkikleri buradaki son oturumunuzun parolasıyla açın; raporlar merkez geri gelene kadar giden kutusunda bekler</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>Kullanıcı adınızı ve parolanızı girin.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>Doğrulama uygulamanızdaki 6 haneli kodu girin.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Oturum açılıyor…</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Oturum açıldı.</translation>
    </message>
    <message>
        <source>Or press Work offline to read the studies cached on this computer.</source>
        <translation>Ya da bu bilgisayarın önbelleğindeki tetkikleri okumak için Çevrimdışı çalış&apos;a basın.</translation>
    </message>
    <message>
        <source>Unlocking the local data…</source>
        <translation>Yerel verilerin kilidi açılıyor…</translation>
    </message>
    <message>
        <source>The local data could not be opened (%1).</source>
        <translation>Yerel veriler açılamadı (%1).</translation>
    </message>
</context>
<context>
    <name>MeasurementPanel</name>
    <message>
        <source>%1, image %2: %3</source>
        <translation>%1, görüntü %2: %3</translation>
    </message>
    <message>
        <source>%1, %2 (MPR): %3</source>
        <translation>%1, %2 (MPR): %3</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>Açı</translation>
    </message>
    <message>
        <source>Cobb angle</source>
        <translation>Cobb açısı</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>Elips</translation>
    </message>
    <message>
        <source>Freehand</source>
        <translation>Serbest çizim</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Uzunluk</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Dikdörtgen</translation>
    </message>
</context>
<context>
    <name>MprMode</name>
    <message>
        <source>Open a series first.</source>
        <translation>Önce bir seri açın.</translation>
    </message>
    <message>
        <source>MPR needs a grayscale series.</source>
        <translation>MPR için gri tonlamalı bir seri gerekir.</translation>
    </message>
    <message>
        <source>MPR needs a series of at least %1 slices.</source>
        <translation>MPR için en az %1 kesitlik bir seri gerekir.</translation>
    </message>
    <message>
        <source>This series cannot be reformatted: %1</source>
        <translation>Bu seri yeniden biçimlendirilemiyor: %1</translation>
    </message>
    <message>
        <source>3D preset: %1</source>
        <translation>3B ön ayar: %1</translation>
    </message>
    <message>
        <source>MPR</source>
        <translation>MPR</translation>
    </message>
</context>
<context>
    <name>MprView</name>
    <message>
        <source>Axial</source>
        <translation>Aksiyel</translation>
    </message>
    <message>
        <source>Clip box around the crosshair</source>
        <translation>Artı imleci çevresinde kırpma kutusu</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>Koronal</translation>
    </message>
    <message>
        <source>Reset the 3D view</source>
        <translation>3B görünümü sıfırla</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>Sagittal</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>Try now</source>
        <translation>Şimdi dene</translation>
    </message>
    <message>
        <source>OFFLINE — the hub cannot be reached. Cached studies can be read; reports are kept in the outbox and sent when the connection is back. Reconnecting automatically…</source>
        <translation>ÇEVRİMDIŞI — merkeze ulaşılamıyor. Önbellekteki tetkikler okunabilir; raporlar giden kutusunda tutulur ve bağlantı geri gelince gönderilir. Otomatik olarak yeniden bağlanılıyor…</translation>
    </message>
    <message>
        <source>Worklist as of %1.</source>
        <translation>%1 itibarıyla iş listesi.</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>any</source>
        <translation>tümü</translation>
    </message>
    <message>
        <source>Study date; Delete clears it</source>
        <translation>Tetkik tarihi; Delete tuşu temizler</translation>
    </message>
</context>
<context>
    <name>OutboxRetry</name>
    <message>
        <source>Retry now</source>
        <translation>Şimdi yeniden dene</translation>
    </message>
    <message>
        <source>Send the queued report to the hub now; it cannot be filed twice</source>
        <translation>Kuyruktaki raporu şimdi merkeze gönder; rapor iki kez kaydedilemez</translation>
    </message>
    <message>
        <source>The report text has changed since it was signed. Sign it again to send the new text.</source>
        <translation>Rapor metni imzalandıktan sonra değişti. Yeni metni göndermek için raporu yeniden imzalayın.</translation>
    </message>
    <message>
        <source>Signed here; waiting in the outbox</source>
        <translation>Burada imzalandı; giden kutusunda bekliyor</translation>
    </message>
    <message>
        <source>Sending the queued report…</source>
        <translation>Kuyruktaki rapor gönderiliyor…</translation>
    </message>
    <message>
        <source>The hub could not take the report yet; it stays in the outbox and is retried automatically.</source>
        <translation>Merkez raporu henüz alamadı; rapor giden kutusunda kalır ve otomatik olarak yeniden denenir.</translation>
    </message>
    <message>
        <source>The report could not be sent because of an unexpected error; it stays in the outbox.</source>
        <translation>Beklenmeyen bir hata nedeniyle rapor gönderilemedi; giden kutusunda kalıyor.</translation>
    </message>
</context>
<context>
    <name>PatientExportDialog</name>
    <message>
        <source>Export patient data</source>
        <translation>Hasta verilerini dışa aktar</translation>
    </message>
    <message>
        <source>Encrypted zip (*.zip)</source>
        <translation>Şifreli zip (*.zip)</translation>
    </message>
    <message>
        <source>Every cached study and report of this patient, in one zip encrypted with AES-256. Give the password to the patient separately; it is not stored.</source>
        <translation>Bu hastanın önbellekteki tüm tetkik ve raporları, AES-256 ile şifrelenmiş tek bir zip dosyasında. Parolayı hastaya ayrıca iletin; parola saklanmaz.</translation>
    </message>
    <message>
        <source>Zip file</source>
        <translation>Zip dosyası</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Parolayı tekrarlayın</translation>
    </message>
    <message>
        <source>Choose where to save the zip file.</source>
        <translation>Zip dosyasının kaydedileceği yeri seçin.</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Parola en az %1 karakter olmalıdır.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>İki parola birbirinden farklı.</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>%1: W %2 / L %3 (key %4)</source>
        <translation>%1: G %2 / S %3 (tuş %4)</translation>
    </message>
    <message>
        <source>Abdomen</source>
        <translation>Batın</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>Kemik</translation>
    </message>
    <message>
        <source>Brain</source>
        <translation>Beyin</translation>
    </message>
    <message>
        <source>Liver</source>
        <translation>Karaciğer</translation>
    </message>
    <message>
        <source>Lung</source>
        <translation>Akciğer</translation>
    </message>
    <message>
        <source>Mediastinum</source>
        <translation>Mediasten</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>İnme</translation>
    </message>
    <message>
        <source>Subdural</source>
        <translation>Subdural</translation>
    </message>
</context>
<context>
    <name>PresetsPage</name>
    <message>
        <source>Window presets</source>
        <translation>Pencere ön ayarları</translation>
    </message>
    <message>
        <source>Modality of the presets</source>
        <translation>Ön ayarların modalitesi</translation>
    </message>
    <message>
        <source>Window presets of the modality</source>
        <translation>Modalitenin pencere ön ayarları</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tuş</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Seviye</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Genişlik</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ekle</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message>
        <source>Shipped presets</source>
        <translation>Özgün ön ayarlar</translation>
    </message>
    <message>
        <source>Go back to the presets delivered with the workstation</source>
        <translation>İş istasyonuyla gelen ön ayarlara geri dön</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalite</translation>
    </message>
    <message>
        <source>Row %1: key must be 1–9, centre and width numbers.</source>
        <translation>Satır %1: tuş 1–9 arası, seviye ve genişlik sayı olmalıdır.</translation>
    </message>
</context>
<context>
    <name>ReadingDesk</name>
    <message>
        <source>Read-only: your role does not sign reports.</source>
        <translation>Salt okunur: rolünüz rapor imzalayamaz.</translation>
    </message>
    <message>
        <source>No unread study is waiting on the worklist (with its filters).</source>
        <translation>İş listesinde (mevcut filtrelerle) bekleyen okunmamış tetkik yok.</translation>
    </message>
    <message>
        <source>Taking the reading lock…</source>
        <translation>Okuma kilidi alınıyor…</translation>
    </message>
    <message>
        <source>Reading lock: yours until %1</source>
        <translation>Okuma kilidi: %1 saatine kadar sizde</translation>
    </message>
    <message>
        <source>Reading lock: yours</source>
        <translation>Okuma kilidi: sizde</translation>
    </message>
    <message>
        <source>Renewed automatically while the study stays open.</source>
        <translation>Tetkik açık kaldıkça kendiliğinden yenilenir.</translation>
    </message>
    <message>
        <source>Read-only: %1 is reading this study.</source>
        <translation>Salt okunur: bu tetkiki %1 okuyor.</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Salt okunur: %1</translation>
    </message>
    <message>
        <source>Held by %1</source>
        <translation>%1 tarafından kilitli</translation>
    </message>
    <message>
        <source>Their reading lock runs until %1.</source>
        <translation>Okuma kilidi %1 saatine kadar geçerli.</translation>
    </message>
    <message>
        <source>No reading lock</source>
        <translation>Okuma kilidi yok</translation>
    </message>
    <message>
        <source>The reading lock could not be taken (%1); another reader could open this study at the same time.</source>
        <translation>Okuma kilidi alınamadı (%1); başka bir okuyucu bu tetkiki aynı anda açabilir.</translation>
    </message>
    <message>
        <source>Unsent report</source>
        <translation>Gönderilmemiş rapor</translation>
    </message>
    <message>
        <source>The report of the open study has not been sent. Close the study and discard the text?</source>
        <translation>Açık tetkikin raporu gönderilmedi. Tetkik kapatılıp metin silinsin mi?</translation>
    </message>
</context>
<context>
    <name>ReloginDialog</name>
    <message>
        <source>Sign in again — Workstation</source>
        <translation>Yeniden oturum aç — İş İstasyonu</translation>
    </message>
    <message>
        <source>Your session has ended</source>
        <translation>Oturumunuz sona erdi</translation>
    </message>
    <message>
        <source>Only the reader who opened this session can continue it.</source>
        <translation>Bu oturumu yalnızca açan okuyucu sürdürebilir.</translation>
    </message>
    <message>
        <source>The hub no longer accepts this session: it expired or was ended elsewhere. Sign in again to continue. The open study, its images and your report text stay as they are.</source>
        <translation>Merkez bu oturumu artık kabul etmiyor: süresi doldu ya da başka bir yerde sonlandırıldı. Devam etmek için yeniden oturum açın. Açık tetkik, görüntüleri ve rapor metniniz olduğu gibi kalır.</translation>
    </message>
</context>
<context>
    <name>ReportFlows</name>
    <message>
        <source>Critical…</source>
        <translation>Kritik bulgu…</translation>
    </message>
    <message>
        <source>Record a critical finding (Ctrl+Shift+C)</source>
        <translation>Kritik bulgu kaydet (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Versions…</source>
        <translation>Sürümler…</translation>
    </message>
    <message>
        <source>Signed versions and their differences</source>
        <translation>İmzalı sürümler ve aralarındaki farklar</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>Düzelt…</translation>
    </message>
    <message>
        <source>Write a new version of the signed report</source>
        <translation>İmzalı raporun yeni bir sürümünü yaz</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>PDF olarak dışa aktar…</translation>
    </message>
    <message>
        <source>Save the signed report as a PDF</source>
        <translation>İmzalı raporu PDF olarak kaydet</translation>
    </message>
    <message>
        <source>Print report…</source>
        <translation>Raporu yazdır…</translation>
    </message>
    <message>
        <source>Print the signed report (Ctrl+Shift+P)</source>
        <translation>İmzalı raporu yazdır (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Draft restored (saved at %1).</source>
        <translation>Taslak geri yüklendi (kayıt saati %1).</translation>
    </message>
    <message>
        <source>Draft restored from the hub.</source>
        <translation>Taslak merkezden geri yüklendi.</translation>
    </message>
    <message>
        <source>The authenticator code was not accepted; the report was not signed.</source>
        <translation>Doğrulama kodu kabul edilmedi; rapor imzalanmadı.</translation>
    </message>
    <message>
        <source>Sign and submit…</source>
        <translation>İmzala ve gönder…</translation>
    </message>
    <message>
        <source>Sent to the hub.</source>
        <translation>Merkeze gönderildi.</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Taslağı sil</translation>
    </message>
    <message>
        <source>Delete the unsent report text of this study? It is not restored the next time the study opens.</source>
        <translation>Bu tetkikin gönderilmemiş rapor metni silinsin mi? Tetkik bir dahaki açılışında geri yüklenmez.</translation>
    </message>
    <message>
        <source>Draft discarded.</source>
        <translation>Taslak silindi.</translation>
    </message>
    <message>
        <source>Sign amendment…</source>
        <translation>Düzeltmeyi imzala…</translation>
    </message>
    <message>
        <source>Amending: edit the report, then sign the amendment.</source>
        <translation>Düzeltme: raporu düzenleyin, ardından düzeltmeyi imzalayın.</translation>
    </message>
    <message>
        <source>The hub could not answer: %1</source>
        <translation>Merkez yanıt veremedi: %1</translation>
    </message>
    <message>
        <source>Recording the critical finding…</source>
        <translation>Kritik bulgu kaydediliyor…</translation>
    </message>
    <message>
        <source>Critical finding recorded; reminders continue until the recipient acknowledges it.</source>
        <translation>Kritik bulgu kaydedildi; alıcı onaylayana kadar hatırlatmalar sürer.</translation>
    </message>
    <message>
        <source>The critical finding was acknowledged.</source>
        <translation>Kritik bulgu onaylandı.</translation>
    </message>
    <message>
        <source>Outbox: sent to the hub.</source>
        <translation>Giden kutusu: merkeze gönderildi.</translation>
    </message>
    <message>
        <source>Outbox: failed — the hub refused the report (%1). Sign it again.</source>
        <translation>Giden kutusu: başarısız — merkez raporu reddetti (%1). Raporu yeniden imzalayın.</translation>
    </message>
    <message>
        <source>Report sent from the outbox.</source>
        <translation>Rapor giden kutusundan gönderildi.</translation>
    </message>
    <message>
        <source>The hub refused the queued report; your text is kept. Correct it if needed and sign again.</source>
        <translation>Merkez kuyruktaki raporu reddetti; metniniz korunuyor. Gerekirse düzeltip yeniden imzalayın.</translation>
    </message>
    <message>
        <source>Outbox: sending…</source>
        <translation>Giden kutusu: gönderiliyor…</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Sil…</translation>
    </message>
    <message>
        <source>Discard the draft: delete the unsent text here and on the hub</source>
        <translation>Taslağı sil: gönderilmemiş metni burada ve merkezde sil</translation>
    </message>
    <message>
        <source>Outbox: pending.</source>
        <translation>Giden kutusu: bekliyor.</translation>
    </message>
    <message>
        <source>Outbox: pending (attempt %1); retried automatically.</source>
        <translation>Giden kutusu: bekliyor (deneme %1); otomatik olarak yeniden denenecek.</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>PDF olarak dışa aktar</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF belgeleri (*.pdf)</translation>
    </message>
    <message>
        <source>There is no signed report to export yet.</source>
        <translation>Dışa aktarılacak imzalı rapor henüz yok.</translation>
    </message>
    <message>
        <source>The PDF could not be written: %1</source>
        <translation>PDF yazılamadı: %1</translation>
    </message>
    <message>
        <source>PDF saved: %1</source>
        <translation>PDF kaydedildi: %1</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Describe the findings…</source>
        <translation>Bulguları yazın…</translation>
    </message>
    <message>
        <source>Conclusion for the referring physician…</source>
        <translation>İstem yapan hekim için sonuç…</translation>
    </message>
    <message>
        <source>Sign and submit…</source>
        <translation>İmzala ve gönder…</translation>
    </message>
    <message>
        <source>Sign this report as final and send it to the hub</source>
        <translation>Bu raporu kesin olarak imzala ve merkeze gönder</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Bulgular</translation>
    </message>
    <message>
        <source>Impression</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Submit preliminary…</source>
        <translation>Ön rapor gönder…</translation>
    </message>
    <message>
        <source>Submit a preliminary report; a radiologist signs the final one</source>
        <translation>Ön rapor gönder; kesin raporu bir radyolog imzalar</translation>
    </message>
    <message>
        <source>%1 must be filled in before signing.</source>
        <translation>İmzalamadan önce %1 doldurulmalıdır.</translation>
    </message>
    <message>
        <source>Submitting report…</source>
        <translation>Rapor gönderiliyor…</translation>
    </message>
    <message>
        <source>You are signed in again. Press Submit to send the report; it cannot be filed twice.</source>
        <translation>Yeniden oturum açtınız. Raporu göndermek için Gönder&apos;e basın; rapor iki kez kaydedilemez.</translation>
    </message>
    <message>
        <source>Cannot sign yet: %1</source>
        <translation>Henüz imzalanamaz: %1</translation>
    </message>
    <message>
        <source>Queued — will be sent when the hub is reachable</source>
        <translation>Kuyrukta — merkeze ulaşılınca gönderilecek</translation>
    </message>
    <message>
        <source>Report submitted, version %1</source>
        <translation>Rapor gönderildi, sürüm %1</translation>
    </message>
    <message>
        <source>Report submitted.</source>
        <translation>Rapor gönderildi.</translation>
    </message>
    <message>
        <source>Signed here; waiting in the outbox</source>
        <translation>Burada imzalandı; giden kutusunda bekliyor</translation>
    </message>
    <message>
        <source>Your text is kept.</source>
        <translation>Metniniz korunuyor.</translation>
    </message>
    <message>
        <source>The report could not be submitted because of an unexpected error. Your text is kept.</source>
        <translation>Beklenmeyen bir hata nedeniyle rapor gönderilemedi. Metniniz korunuyor.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again, then send the report.</source>
        <translation>Oturumunuz sona erdi. Yeniden oturum açıp raporu gönderin.</translation>
    </message>
    <message>
        <source>You are not allowed to report this study.</source>
        <translation>Bu tetkiki raporlama yetkiniz yok.</translation>
    </message>
    <message>
        <source>The hub no longer has this study in your worklist.</source>
        <translation>Bu tetkik artık merkezdeki iş listenizde değil.</translation>
    </message>
    <message>
        <source>The hub refused the report because the study has changed state (for example, it has already been signed).</source>
        <translation>Tetkikin durumu değiştiği için merkez raporu reddetti (örneğin zaten imzalanmış).</translation>
    </message>
    <message>
        <source>The hub did not accept the authenticator code, so the report was not signed. Sign again with the current code.</source>
        <translation>Merkez doğrulama kodunu kabul etmedi, bu nedenle rapor imzalanmadı. Geçerli kodla yeniden imzalayın.</translation>
    </message>
    <message>
        <source>The hub could not be reached, so the report was not sent. Try again; it cannot be filed twice.</source>
        <translation>Merkeze ulaşılamadığı için rapor gönderilmedi. Yeniden deneyin; rapor iki kez kaydedilemez.</translation>
    </message>
    <message>
        <source>The report could not be submitted.</source>
        <translation>Rapor gönderilemedi.</translation>
    </message>
    <message>
        <source>The DICOMweb archive reported a problem filing the report: %1</source>
        <translation>DICOMweb arşivi raporu kaydederken bir sorun bildirdi: %1</translation>
    </message>
    <message>
        <source>Acc. %1</source>
        <translation>Erişim %1</translation>
    </message>
    <message>
        <source>Clinical notes: %1</source>
        <translation>Klinik bilgi: %1</translation>
    </message>
</context>
<context>
    <name>ReportPrinting</name>
    <message>
        <source>Print report</source>
        <extracomment>Shows the print dialog for ``printer`` and says whether to print. Injectable: tests direct the printer to a PDF file instead of asking.</extracomment>
        <translation>Raporu yazdır</translation>
    </message>
    <message>
        <source>There is no signed report to print yet.</source>
        <translation>Yazdırılacak imzalı rapor henüz yok.</translation>
    </message>
    <message>
        <source>The stored report could not be opened for printing.</source>
        <translation>Kayıtlı rapor yazdırmak için açılamadı.</translation>
    </message>
    <message>
        <source>The printer could not be started; nothing was printed.</source>
        <translation>Yazıcı başlatılamadı; hiçbir şey yazdırılmadı.</translation>
    </message>
    <message>
        <source>The report was printed, but the print could not be recorded in the audit trail.</source>
        <translation>Rapor yazdırıldı ancak yazdırma işlemi denetim kaydına yazılamadı.</translation>
    </message>
    <message>
        <source>Report printed (%1 page(s)).</source>
        <translation>Rapor yazdırıldı (%1 sayfa).</translation>
    </message>
</context>
<context>
    <name>SavedFiltersWidget</name>
    <message>
        <source>Apply a saved filter</source>
        <translation>Kayıtlı bir filtre uygula</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Kaydet…</translation>
    </message>
    <message>
        <source>Save the current filters under a name</source>
        <translation>Geçerli filtreleri bir adla kaydet</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Sil</translation>
    </message>
    <message>
        <source>Delete the selected saved filter</source>
        <translation>Seçili kayıtlı filtreyi sil</translation>
    </message>
    <message>
        <source>Saved filters…</source>
        <translation>Kayıtlı filtreler…</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Filtreyi kaydet</translation>
    </message>
    <message>
        <source>Name of the saved filter:</source>
        <translation>Kayıtlı filtrenin adı:</translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <source>Security</source>
        <translation>Güvenlik</translation>
    </message>
    <message>
        <source> min</source>
        <translation> dk</translation>
    </message>
    <message>
        <source>Minutes without input before the screen locks</source>
        <translation>Ekran kilitlenmeden önce işlem yapılmayan dakika sayısı</translation>
    </message>
    <message>
        <source>Certificate authority bundle file</source>
        <translation>Sertifika yetkilisi paket dosyası</translation>
    </message>
    <message>
        <source>System certificate store</source>
        <translation>Sistem sertifika deposu</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Seç…</translation>
    </message>
    <message>
        <source>Choose a certificate authority bundle</source>
        <translation>Bir sertifika yetkilisi paketi seçin</translation>
    </message>
    <message>
        <source>Hub certificate pin, SPKI SHA-256</source>
        <translation>Merkez sertifika sabitlemesi, SPKI SHA-256</translation>
    </message>
    <message>
        <source>Not pinned</source>
        <translation>Sabitlenmedi</translation>
    </message>
    <message>
        <source>Certificate checks are always on. The hub&apos;s policy can lock the screen sooner than set here.</source>
        <translation>Sertifika denetimi her zaman açıktır. Merkezin politikası ekranı burada ayarlanandan daha erken kilitleyebilir.</translation>
    </message>
    <message>
        <source>Lock after</source>
        <translation>Kilitleme süresi</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Sertifika yetkilisi paketi</translation>
    </message>
    <message>
        <source>Hub pin (SPKI SHA-256)</source>
        <translation>Merkez sabitlemesi (SPKI SHA-256)</translation>
    </message>
    <message>
        <source>Certificate authority bundle</source>
        <translation>Sertifika yetkilisi paketi</translation>
    </message>
</context>
<context>
    <name>ServerProfiles</name>
    <message>
        <source>Servers…</source>
        <translation>Sunucular…</translation>
    </message>
    <message>
        <source>Read from the hub or from a DICOMweb archive (PACS)</source>
        <translation>Merkezden veya bir DICOMweb arşivinden (PACS) oku</translation>
    </message>
</context>
<context>
    <name>ServerProfilesDialog</name>
    <message>
        <source>Servers</source>
        <translation>Sunucular</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Yok</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Kullanıcı adı ve parola</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Belirteç</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>değişmedi</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Gözat…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>DICOMweb address</source>
        <translation>DICOMweb adresi</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Oturum açma</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Password or token</source>
        <translation>Parola veya belirteç</translation>
    </message>
    <message>
        <source>CA bundle (PEM)</source>
        <translation>Sertifika yetkilisi paketi (PEM)</translation>
    </message>
    <message>
        <source>Read studies from</source>
        <translation>Tetkiklerin okunacağı yer</translation>
    </message>
    <message>
        <source>Reading hub</source>
        <translation>Okuma merkezi</translation>
    </message>
    <message>
        <source>DICOMweb: %1</source>
        <translation>DICOMweb: %1</translation>
    </message>
    <message>
        <source>New DICOMweb server…</source>
        <translation>Yeni DICOMweb sunucusu…</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Sertifika yetkilisi paketi</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt)</source>
        <translation>PEM sertifikaları (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Give the server a name.</source>
        <translation>Sunucuya bir ad verin.</translation>
    </message>
</context>
<context>
    <name>Servers</name>
    <message>
        <source>Servers</source>
        <translation>Sunucular</translation>
    </message>
    <message>
        <source>The DICOMweb profile cannot be used: %1</source>
        <translation>DICOMweb profili kullanılamıyor: %1</translation>
    </message>
    <message>
        <source>DICOMweb sign-in</source>
        <translation>DICOMweb oturum açma</translation>
    </message>
    <message>
        <source>Password or token for %1:</source>
        <translation>%1 için parola veya belirteç:</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <source>Servers</source>
        <translation>Sunucular</translation>
    </message>
    <message>
        <source>Server profiles</source>
        <translation>Sunucu profilleri</translation>
    </message>
    <message>
        <source>Add or edit…</source>
        <translation>Ekle veya düzenle…</translation>
    </message>
    <message>
        <source>Add or edit a DICOMweb server</source>
        <translation>DICOMweb sunucusu ekle veya düzenle</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message>
        <source>Remove the selected DICOMweb server</source>
        <translation>Seçili DICOMweb sunucusunu kaldır</translation>
    </message>
    <message>
        <source>The selected server is used from the next start; File &gt; Servers… in the worklist switches at once. Passwords and tokens are kept in the system keychain. Each server&apos;s images are cached apart from the others&apos;.</source>
        <translation>Seçilen sunucu bir sonraki açılıştan itibaren kullanılır; iş listesindeki Dosya &gt; Sunucular… ile hemen geçilir. Parolalar ve belirteçler sistem anahtarlığında saklanır. Her sunucunun görüntüleri diğerlerinden ayrı önbelleğe alınır.</translation>
    </message>
    <message>
        <source>Read studies from</source>
        <translation>Tetkiklerin okunacağı yer</translation>
    </message>
    <message>
        <source>Reading hub (default)</source>
        <translation>Okuma merkezi (varsayılan)</translation>
    </message>
    <message>
        <source>DICOMweb: %1 (%2)</source>
        <translation>DICOMweb: %1 (%2)</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Kullanımda</translation>
    </message>
</context>
<context>
    <name>SessionSecurity</name>
    <message>
        <source>The hub&apos;s session token is too large for the system keychain, so your sign-in is not remembered: you will sign in again next time.</source>
        <translation>Merkezin oturum belirteci sistem anahtarlığı için çok büyük, bu nedenle oturumunuz hatırlanmıyor: bir dahaki sefere yeniden oturum açacaksınız.</translation>
    </message>
    <message>
        <source>No system keychain is available, so your sign-in is not remembered: you will sign in with password and code again next time. Nothing was written to disk.</source>
        <translation>Sistem anahtarlığı kullanılamıyor, bu nedenle oturumunuz hatırlanmıyor: bir dahaki sefere parola ve kodla yeniden oturum açacaksınız. Diske hiçbir şey yazılmadı.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Ayar sayfaları</translation>
    </message>
</context>
<context>
    <name>ShortcutDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Eylem</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tuşlar</translation>
    </message>
    <message>
        <source>Double-click an action, then press its new key.</source>
        <translation>Bir eyleme çift tıklayın, ardından yeni tuşuna basın.</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>Varsayılanlara dön</translation>
    </message>
    <message>
        <source>Press the new key for “%1”.</source>
        <translation>“%1” için yeni tuşa basın.</translation>
    </message>
    <message>
        <source>%1 is already used by “%2”.</source>
        <translation>%1 zaten “%2” için kullanılıyor.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Kaydedildi.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>MPR and 3D of the series (on or off)</source>
        <translation>Serinin MPR ve 3B görünümü (aç/kapat)</translation>
    </message>
    <message>
        <source>Thicker MPR slab</source>
        <translation>MPR kesit kalınlığını artır</translation>
    </message>
    <message>
        <source>Thinner MPR slab</source>
        <translation>MPR kesit kalınlığını azalt</translation>
    </message>
    <message>
        <source>MPR slab mode (MIP, MinIP, average)</source>
        <translation>MPR kalın kesit modu (MIP, MinIP, ortalama)</translation>
    </message>
    <message>
        <source>3D clip box around the crosshair</source>
        <translation>Artı imleci çevresinde 3B kırpma kutusu</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>Açı</translation>
    </message>
    <message>
        <source>Automatic window from the histogram</source>
        <translation>Histogramdan otomatik pencere</translation>
    </message>
    <message>
        <source>Cancel the current tool</source>
        <translation>Geçerli aracı iptal et</translation>
    </message>
    <message>
        <source>Cobb angle</source>
        <translation>Cobb açısı</translation>
    </message>
    <message>
        <source>DICOM tag browser</source>
        <translation>DICOM etiket tarayıcısı</translation>
    </message>
    <message>
        <source>Delete all measurements on the image</source>
        <translation>Görüntüdeki tüm ölçümleri sil</translation>
    </message>
    <message>
        <source>Delete the selected measurement</source>
        <translation>Seçili ölçümü sil</translation>
    </message>
    <message>
        <source>Ellipse ROI</source>
        <translation>Elips İB</translation>
    </message>
    <message>
        <source>Export anonymized…</source>
        <translation>Anonimleştirerek dışa aktar…</translation>
    </message>
    <message>
        <source>Faster cine</source>
        <translation>Sineyi hızlandır</translation>
    </message>
    <message>
        <source>First image</source>
        <translation>İlk görüntü</translation>
    </message>
    <message>
        <source>Fit the image to the viewport</source>
        <translation>Görüntüyü pencereye sığdır</translation>
    </message>
    <message>
        <source>Flip horizontally</source>
        <translation>Yatay çevir</translation>
    </message>
    <message>
        <source>Flip vertically</source>
        <translation>Dikey çevir</translation>
    </message>
    <message>
        <source>Four viewports</source>
        <translation>Dört görüntü alanı</translation>
    </message>
    <message>
        <source>Freehand ROI</source>
        <translation>Serbest çizim İB</translation>
    </message>
    <message>
        <source>Go to the report template</source>
        <translation>Rapor şablonuna git</translation>
    </message>
    <message>
        <source>Hide or show all overlays</source>
        <translation>Tüm katmanları gizle veya göster</translation>
    </message>
    <message>
        <source>Hide or show patient data</source>
        <translation>Hasta bilgilerini gizle veya göster</translation>
    </message>
    <message>
        <source>Invert grey levels</source>
        <translation>Gri düzeyleri ters çevir</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <source>Last image</source>
        <translation>Son görüntü</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Uzunluk</translation>
    </message>
    <message>
        <source>Link here (keep this image offset)</source>
        <translation>Burada bağla (bu görüntü farkını koru)</translation>
    </message>
    <message>
        <source>Link scrolling</source>
        <translation>Kaydırmayı bağla</translation>
    </message>
    <message>
        <source>Link window/level</source>
        <translation>Pencere/seviyeyi bağla</translation>
    </message>
    <message>
        <source>Link zoom and pan</source>
        <translation>Yakınlaştırma ve kaydırmayı bağla</translation>
    </message>
    <message>
        <source>List key images</source>
        <translation>Anahtar görüntüleri listele</translation>
    </message>
    <message>
        <source>Lock the workstation now</source>
        <translation>İş istasyonunu şimdi kilitle</translation>
    </message>
    <message>
        <source>Mark or unmark key image</source>
        <translation>Anahtar görüntü işaretle veya kaldır</translation>
    </message>
    <message>
        <source>Match the synchronised images shown now</source>
        <translation>Eşlenen görüntüleri şu an gösterilenlere göre hizala</translation>
    </message>
    <message>
        <source>Measurement list</source>
        <translation>Ölçüm listesi</translation>
    </message>
    <message>
        <source>Move the report to another screen</source>
        <translation>Raporu başka bir ekrana taşı</translation>
    </message>
    <message>
        <source>Next 3D preset</source>
        <translation>Sonraki 3B ön ayar</translation>
    </message>
    <message>
        <source>Next hanging stage</source>
        <translation>Sonraki yerleşim aşaması</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>Sonraki görüntü</translation>
    </message>
    <message>
        <source>Next series</source>
        <translation>Sonraki seri</translation>
    </message>
    <message>
        <source>Next study</source>
        <translation>Sonraki tetkik</translation>
    </message>
    <message>
        <source>Next window of the image</source>
        <translation>Görüntünün sonraki penceresi</translation>
    </message>
    <message>
        <source>Nine viewports</source>
        <translation>Dokuz görüntü alanı</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>Bir görüntü pikseli bir ekran pikseline</translation>
    </message>
    <message>
        <source>One viewport</source>
        <translation>Tek görüntü alanı</translation>
    </message>
    <message>
        <source>Pixel probe</source>
        <translation>Piksel değeri</translation>
    </message>
    <message>
        <source>Previous hanging stage</source>
        <translation>Önceki yerleşim aşaması</translation>
    </message>
    <message>
        <source>Previous image</source>
        <translation>Önceki görüntü</translation>
    </message>
    <message>
        <source>Previous series</source>
        <translation>Önceki seri</translation>
    </message>
    <message>
        <source>Previous study</source>
        <translation>Önceki tetkik</translation>
    </message>
    <message>
        <source>Previous window of the image</source>
        <translation>Görüntünün önceki penceresi</translation>
    </message>
    <message>
        <source>Print report…</source>
        <translation>Raporu yazdır…</translation>
    </message>
    <message>
        <source>Record a critical finding</source>
        <translation>Kritik bulgu kaydet</translation>
    </message>
    <message>
        <source>Rectangle ROI</source>
        <translation>Dikdörtgen İB</translation>
    </message>
    <message>
        <source>Reset view and window</source>
        <translation>Görünümü ve pencereyi sıfırla</translation>
    </message>
    <message>
        <source>Rotate 90 degrees clockwise</source>
        <translation>Saat yönünde 90 derece döndür</translation>
    </message>
    <message>
        <source>Rotate 90 degrees counter-clockwise</source>
        <translation>Saatin tersi yönünde 90 derece döndür</translation>
    </message>
    <message>
        <source>Save layout as protocol</source>
        <translation>Düzeni protokol olarak kaydet</translation>
    </message>
    <message>
        <source>Show reference lines</source>
        <translation>Referans çizgilerini göster</translation>
    </message>
    <message>
        <source>Six viewports</source>
        <translation>Altı görüntü alanı</translation>
    </message>
    <message>
        <source>Sixteen viewports</source>
        <translation>On altı görüntü alanı</translation>
    </message>
    <message>
        <source>Slower cine</source>
        <translation>Sineyi yavaşlat</translation>
    </message>
    <message>
        <source>Start or stop cine</source>
        <translation>Sineyi başlat veya durdur</translation>
    </message>
    <message>
        <source>Ten images back</source>
        <translation>On görüntü geri</translation>
    </message>
    <message>
        <source>Ten images forward</source>
        <translation>On görüntü ileri</translation>
    </message>
    <message>
        <source>The image&apos;s own window</source>
        <translation>Görüntünün kendi penceresi</translation>
    </message>
    <message>
        <source>True physical size</source>
        <translation>Gerçek fiziksel boyut</translation>
    </message>
    <message>
        <source>Twelve viewports</source>
        <translation>On iki görüntü alanı</translation>
    </message>
    <message>
        <source>Two viewports one above the other</source>
        <translation>Üst üste iki görüntü alanı</translation>
    </message>
    <message>
        <source>Two viewports side by side</source>
        <translation>Yan yana iki görüntü alanı</translation>
    </message>
    <message>
        <source>Window preset 1</source>
        <translation>Pencere ön ayarı 1</translation>
    </message>
    <message>
        <source>Window preset 2</source>
        <translation>Pencere ön ayarı 2</translation>
    </message>
    <message>
        <source>Window preset 3</source>
        <translation>Pencere ön ayarı 3</translation>
    </message>
    <message>
        <source>Window preset 4</source>
        <translation>Pencere ön ayarı 4</translation>
    </message>
    <message>
        <source>Window preset 5</source>
        <translation>Pencere ön ayarı 5</translation>
    </message>
    <message>
        <source>Window preset 6</source>
        <translation>Pencere ön ayarı 6</translation>
    </message>
    <message>
        <source>Window preset 7</source>
        <translation>Pencere ön ayarı 7</translation>
    </message>
    <message>
        <source>Window preset 8</source>
        <translation>Pencere ön ayarı 8</translation>
    </message>
    <message>
        <source>Window preset 9</source>
        <translation>Pencere ön ayarı 9</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Yakınlaştır</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Uzaklaştır</translation>
    </message>
</context>
<context>
    <name>ShortcutsPage</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <source>Every viewer action has a key. Change them here; the viewer uses the new keys at once.</source>
        <translation>Görüntüleyicinin her eyleminin bir tuşu vardır. Tuşları buradan değiştirin; görüntüleyici yeni tuşları hemen kullanır.</translation>
    </message>
    <message>
        <source>Edit keyboard shortcuts…</source>
        <translation>Klavye kısayollarını düzenle…</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Sign amendment</source>
        <translation>Düzeltmeyi imzala</translation>
    </message>
    <message>
        <source>Sign an amended final report? It supersedes the current version; the earlier version stays on record.</source>
        <translation>Düzeltilmiş kesin rapor imzalansın mı? Geçerli sürümün yerini alır; önceki sürüm kayıtlarda kalır.</translation>
    </message>
    <message>
        <source>Sign final report</source>
        <translation>Kesin raporu imzala</translation>
    </message>
    <message>
        <source>Sign this report as FINAL? A signed report can only be changed by an amendment.</source>
        <translation>Bu rapor KESİN olarak imzalansın mı? İmzalı bir rapor yalnızca düzeltme ile değiştirilebilir.</translation>
    </message>
    <message>
        <source>Submit preliminary report</source>
        <translation>Ön rapor gönder</translation>
    </message>
    <message>
        <source>Submit this report as PRELIMINARY? A radiologist signs the final report.</source>
        <translation>Bu rapor ÖN RAPOR olarak gönderilsin mi? Kesin raporu bir radyolog imzalar.</translation>
    </message>
    <message>
        <source>Reason for the amendment (required):</source>
        <translation>Düzeltme nedeni (zorunlu):</translation>
    </message>
    <message>
        <source>Authenticator code (the hub asks for it to sign):</source>
        <translation>Doğrulama kodu (imza için merkez ister):</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>İmzala</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Gönder</translation>
    </message>
    <message>
        <source>Say why the report is amended.</source>
        <translation>Raporun neden düzeltildiğini yazın.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator.</source>
        <translation>Doğrulama uygulamanızdaki 6 haneli kodu girin.</translation>
    </message>
</context>
<context>
    <name>StatBanner</name>
    <message>
        <source>STAT</source>
        <translation>ACİL</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Göster</translation>
    </message>
    <message>
        <source>Select the new STAT study on the worklist</source>
        <translation>İş listesinde yeni ACİL tetkiki seç</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>ve %1 tane daha</translation>
    </message>
    <message>
        <source>New STAT study on the worklist:</source>
        <translation>İş listesinde yeni ACİL tetkik:</translation>
    </message>
    <message>
        <source>%1 new STAT studies on the worklist:</source>
        <translation>İş listesinde %1 yeni ACİL tetkik:</translation>
    </message>
    <message>
        <source>waiting %1</source>
        <translation>%1 bekliyor</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 dk</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 sa %2 dk</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 gün</translation>
    </message>
</context>
<context>
    <name>StatCounter</name>
    <message>
        <source>STAT %1</source>
        <translation>ACİL %1</translation>
    </message>
    <message>
        <source>1 unread STAT study on the worklist.</source>
        <translation>İş listesinde 1 okunmamış ACİL tetkik var.</translation>
    </message>
    <message>
        <source>%1 unread STAT studies on the worklist.</source>
        <translation>İş listesinde %1 okunmamış ACİL tetkik var.</translation>
    </message>
    <message>
        <source>Click to show the worklist.</source>
        <translation>İş listesini göstermek için tıklayın.</translation>
    </message>
</context>
<context>
    <name>StructuredEditor</name>
    <message>
        <source>Report template</source>
        <translation>Rapor şablonu</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Fill empty fields with normal phrases (Ctrl+Shift+N)</source>
        <translation>Boş alanları normal ifadelerle doldur (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Ölçümler</translation>
    </message>
    <message>
        <source>Add the viewer&apos;s measurements and key images (Ctrl+Shift+M)</source>
        <translation>Görüntüleyicideki ölçümleri ve anahtar görüntüleri ekle (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Şablon</translation>
    </message>
    <message>
        <source>Attached: %1 measurement(s), %2 key image(s)</source>
        <translation>Eklenen: %1 ölçüm, %2 anahtar görüntü</translation>
    </message>
</context>
<context>
    <name>StudyProgress</name>
    <message>
        <source>Study: %v / %m images</source>
        <translation>Tetkik: %v / %m görüntü</translation>
    </message>
</context>
<context>
    <name>TagBrowser</name>
    <message>
        <source>%n item(s)</source>
        <translation>%n öğe</translation>
    </message>
    <message>
        <source>&lt;%n bytes&gt;</source>
        <translation>&lt;%n bayt&gt;</translation>
    </message>
    <message>
        <source>DICOM tags</source>
        <translation>DICOM etiketleri</translation>
    </message>
    <message>
        <source>Search tag, keyword or value</source>
        <translation>Etiket, anahtar sözcük veya değer ara</translation>
    </message>
    <message>
        <source>Reading the image header…</source>
        <translation>Görüntü başlığı okunuyor…</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiket</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Anahtar sözcük</translation>
    </message>
    <message>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Değer</translation>
    </message>
    <message>
        <source>This image is not in the local cache.</source>
        <translation>Bu görüntü yerel önbellekte yok.</translation>
    </message>
    <message numerus="yes">
        <source>%n attribute(s)</source>
        <translation>
            <numerusform>%n öznitelik</numerusform>
        </translation>
    </message>
    <message>
        <source>The image header could not be read.</source>
        <translation>Görüntü başlığı okunamadı.</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <source>Downloading %1/%2 (%3%)</source>
        <translation>İndiriliyor %1/%2 (%%3)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Hazır</translation>
    </message>
    <message>
        <source>Incomplete: %1/%2</source>
        <translation>Eksik: %1/%2</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>İndirme başarısız</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Bekliyor</translation>
    </message>
    <message>
        <source>Series %1</source>
        <translation>Seri %1</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 görüntü</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(açıklama yok)</translation>
    </message>
</context>
<context>
    <name>VersionHistoryDialog</name>
    <message>
        <source>Report versions</source>
        <translation>Rapor sürümleri</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Eski sürüm</translation>
    </message>
    <message>
        <source>to</source>
        <translation>yeni sürüm</translation>
    </message>
    <message>
        <source>No signed version yet.</source>
        <translation>Henüz imzalı sürüm yok.</translation>
    </message>
    <message>
        <source>Amendment reason: %1</source>
        <translation>Düzeltme nedeni: %1</translation>
    </message>
    <message>
        <source>FINDINGS</source>
        <translation>BULGULAR</translation>
    </message>
    <message>
        <source>IMPRESSION</source>
        <translation>SONUÇ</translation>
    </message>
    <message>
        <source>final</source>
        <translation>kesin</translation>
    </message>
    <message>
        <source>preliminary</source>
        <translation>ön rapor</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>eski sürüm</translation>
    </message>
</context>
<context>
    <name>ViewerActions</name>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>This screen does not report its physical size.</source>
        <translation>Bu ekran fiziksel boyutunu bildirmiyor.</translation>
    </message>
</context>
<context>
    <name>ViewerToolbar</name>
    <message>
        <source>MPR / 3D</source>
        <translation>MPR / 3B</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Otomatik</translation>
    </message>
    <message>
        <source>Cine</source>
        <translation>Sine</translation>
    </message>
    <message>
        <source>Hide patient data</source>
        <translation>Hasta bilgilerini gizle</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Görüntü</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Ters çevir</translation>
    </message>
    <message>
        <source>Key image</source>
        <translation>Anahtar görüntü</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Düzen</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Bağla</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Ölç</translation>
    </message>
    <message>
        <source>Next study</source>
        <translation>Sonraki tetkik</translation>
    </message>
    <message>
        <source>No presets for this image</source>
        <translation>Bu görüntü için ön ayar yok</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Sıfırla</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Araçlar</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Görünüm</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Pencere</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>Pencere %1</translation>
    </message>
</context>
<context>
    <name>ViewerWindow</name>
    <message>
        <source>Loading study…</source>
        <translation>Tetkik yükleniyor…</translation>
    </message>
    <message>
        <source>Asking the hub for the study…</source>
        <translation>Tetkik merkezden isteniyor…</translation>
    </message>
    <message>
        <source>Signed in again; continuing…</source>
        <translation>Yeniden oturum açıldı; devam ediliyor…</translation>
    </message>
    <message>
        <source>Opening series…</source>
        <translation>Seri açılıyor…</translation>
    </message>
    <message>
        <source>No window on key %1 for this image.</source>
        <translation>Bu görüntü için %1 tuşunda pencere yok.</translation>
    </message>
    <message>
        <source>This study has no images.</source>
        <translation>Bu tetkikte görüntü yok.</translation>
    </message>
    <message>
        <source>Downloading images…</source>
        <translation>Görüntüler indiriliyor…</translation>
    </message>
    <message>
        <source>Decoding images…</source>
        <translation>Görüntüler çözülüyor…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of a series could not be downloaded.</source>
        <translation>
            <numerusform>Bir serinin %n görüntüsü indirilemedi.</numerusform>
        </translation>
    </message>
    <message>
        <source>This series has no image that can be displayed.</source>
        <translation>Bu seride gösterilebilecek görüntü yok.</translation>
    </message>
    <message>
        <source>This series holds %1 image stacks; the largest is shown.</source>
        <translation>Bu seride %1 görüntü yığını var; en büyüğü gösteriliyor.</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be shown.</source>
        <translation>
            <numerusform>%n görüntü gösterilemedi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your session has expired. Loading continues once you sign in again.</source>
        <translation>Oturumunuzun süresi doldu. Yeniden oturum açtığınızda yükleme devam eder.</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Check the connection and click the series to try again.</source>
        <translation>Merkeze ulaşılamıyor. Bağlantıyı kontrol edin ve yeniden denemek için seriye tıklayın.</translation>
    </message>
    <message>
        <source>The hub refused the request: %1</source>
        <translation>Merkez isteği reddetti: %1</translation>
    </message>
    <message>
        <source>The images of this series could not be decoded.</source>
        <translation>Bu serinin görüntüleri çözülemedi.</translation>
    </message>
    <message>
        <source>The study could not be opened because of an unexpected error.</source>
        <translation>Beklenmeyen bir hata nedeniyle tetkik açılamadı.</translation>
    </message>
    <message>
        <source>Image %1/%2   W %3  L %4   Zoom %5</source>
        <translation>Görüntü %1/%2   G %3  S %4   Büyütme %5</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Görüntüleyici</translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n seri</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Viewport</name>
    <message>
        <source>No series loaded</source>
        <translation>Yüklü seri yok</translation>
    </message>
</context>
<context>
    <name>ViewportCell</name>
    <message>
        <source>Drag a series here</source>
        <translation>Bir seriyi buraya sürükleyin</translation>
    </message>
</context>
<context>
    <name>VolumePresets</name>
    <message>
        <source>CT bone</source>
        <translation>BT kemik</translation>
    </message>
    <message>
        <source>CT soft tissue</source>
        <translation>BT yumuşak doku</translation>
    </message>
    <message>
        <source>CT angio (vessels)</source>
        <translation>BT anjiyo (damarlar)</translation>
    </message>
    <message>
        <source>CT lung</source>
        <translation>BT akciğer</translation>
    </message>
    <message>
        <source>MR default</source>
        <translation>MR varsayılan</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>Priority</source>
        <translation>Öncelik</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Hasta no</translation>
    </message>
    <message>
        <source>Accession</source>
        <translation>Erişim no</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalite</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Açıklama</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Tetkik tarihi</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Hastane</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Okuyucu</translation>
    </message>
    <message>
        <source>Critical result</source>
        <translation>Kritik sonuç</translation>
    </message>
    <message>
        <source>Priors</source>
        <translation>Önceki tetkikler</translation>
    </message>
    <message>
        <source>STAT</source>
        <translation>ACİL</translation>
    </message>
    <message>
        <source>URGENT</source>
        <translation>ÖNCELİKLİ</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Rutin</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Okunmadı</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Okunuyor</translation>
    </message>
    <message>
        <source>Reported (preliminary)</source>
        <translation>Raporlandı (ön rapor)</translation>
    </message>
    <message>
        <source>Reported (final)</source>
        <translation>Raporlandı (kesin)</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Benim</translation>
    </message>
    <message>
        <source>Held by %1</source>
        <translation>%1 tarafından kilitli</translation>
    </message>
    <message>
        <source>You hold the reading lock until %1.</source>
        <translation>Okuma kilidi %1 saatine kadar sizde.</translation>
    </message>
    <message>
        <source>You hold the reading lock.</source>
        <translation>Okuma kilidi sizde.</translation>
    </message>
    <message>
        <source>%1 holds the reading lock until %2; the study opens read-only.</source>
        <translation>Okuma kilidi %2 saatine kadar %1 kullanıcısında; tetkik salt okunur açılır.</translation>
    </message>
    <message>
        <source>%1 holds the reading lock; the study opens read-only.</source>
        <translation>Okuma kilidi %1 kullanıcısında; tetkik salt okunur açılır.</translation>
    </message>
    <message>
        <source>%1 unacknowledged</source>
        <translation>%1 onaylanmadı</translation>
    </message>
    <message>
        <source>Outbox: pending</source>
        <translation>Giden kutusu: bekliyor</translation>
    </message>
    <message>
        <source>Outbox: sending</source>
        <translation>Giden kutusu: gönderiliyor</translation>
    </message>
    <message>
        <source>Outbox: sent</source>
        <translation>Giden kutusu: gönderildi</translation>
    </message>
    <message>
        <source>Outbox: failed</source>
        <translation>Giden kutusu: başarısız</translation>
    </message>
    <message>
        <source>The report was signed here and waits in the outbox; it is sent when the hub is reachable.</source>
        <translation>Rapor burada imzalandı ve giden kutusunda bekliyor; merkeze ulaşılınca gönderilecek.</translation>
    </message>
    <message>
        <source>The report is being sent.</source>
        <translation>Rapor gönderiliyor.</translation>
    </message>
    <message>
        <source>The report from the outbox reached the hub.</source>
        <translation>Giden kutusundaki rapor merkeze ulaştı.</translation>
    </message>
    <message>
        <source>The hub refused the report from the outbox; open the study and sign it again.</source>
        <translation>Merkez giden kutusundaki raporu reddetti; tetkiki açıp raporu yeniden imzalayın.</translation>
    </message>
    <message>
        <source>A critical result was communicated and not yet acknowledged by the recipient.</source>
        <translation>Kritik bir sonuç bildirildi ve alıcı henüz onaylamadı.</translation>
    </message>
    <message>
        <source>%1 critical result communications not yet acknowledged by the recipients.</source>
        <translation>Alıcıların henüz onaylamadığı %1 kritik sonuç bildirimi var.</translation>
    </message>
</context>
<context>
    <name>WorklistTable</name>
    <message>
        <source>Worklist</source>
        <translation>İş listesi</translation>
    </message>
</context>
<context>
    <name>WorklistWindow</name>
    <message>
        <source>Worklist — %1</source>
        <translation>İş listesi — %1</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Yenile</translation>
    </message>
    <message>
        <source>Reload the worklist from the hub (F5)</source>
        <translation>İş listesini merkezden yeniden yükle (F5)</translation>
    </message>
    <message>
        <source>Next study</source>
        <translation>Sonraki tetkik</translation>
    </message>
    <message>
        <source>Open the next unread study in priority order (Ctrl+N)</source>
        <translation>Öncelik sırasına göre sonraki okunmamış tetkiki aç (Ctrl+N)</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>İş listesi</translation>
    </message>
    <message>
        <source>Loading worklist…</source>
        <translation>İş listesi yükleniyor…</translation>
    </message>
    <message>
        <source>Signed out. Press F5 to sign in again and reload the worklist.</source>
        <translation>Oturum kapandı. Yeniden oturum açıp iş listesini yüklemek için F5&apos;e basın.</translation>
    </message>
    <message>
        <source>Signed in again.</source>
        <translation>Yeniden oturum açıldı.</translation>
    </message>
    <message numerus="yes">
        <source>%n studies</source>
        <translation>
            <numerusform>%n tetkik</numerusform>
        </translation>
    </message>
    <message>
        <source>first %1 studies (narrow the filters to see the rest)</source>
        <translation>ilk %1 tetkik (kalanını görmek için filtreleri daraltın)</translation>
    </message>
    <message numerus="yes">
        <source>%n STAT unread</source>
        <translation>
            <numerusform>%n okunmamış ACİL</numerusform>
        </translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>güncellendi %1</translation>
    </message>
    <message>
        <source>Session expired. Sign in again.</source>
        <translation>Oturumun süresi doldu. Yeniden oturum açın.</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Press F5 to try again.</source>
        <translation>Merkeze ulaşılamıyor. Yeniden denemek için F5&apos;e basın.</translation>
    </message>
    <message>
        <source>Could not load the worklist: %1</source>
        <translation>İş listesi yüklenemedi: %1</translation>
    </message>
    <message>
        <source>Could not load the worklist because of an unexpected error.</source>
        <translation>Beklenmeyen bir hata nedeniyle iş listesi yüklenemedi.</translation>
    </message>
</context>
<context>
    <name>_PathRow</name>
    <message>
        <source>Browse…</source>
        <translation>Gözat…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Farklı kaydet</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Klasör</translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <source> fps</source>
        <translation> kare/sn</translation>
    </message>
    <message>
        <source>Cine frame rate (images per second)</source>
        <translation>Sine kare hızı (saniyedeki görüntü)</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Clear local cache</source>
        <translation>Yerel önbelleği temizle</translation>
    </message>
</context>
<context>
    <name>self.viewer</name>
    <message>
        <source>Marked as key image.</source>
        <translation>Anahtar görüntü olarak işaretlendi.</translation>
    </message>
    <message>
        <source>Key image mark removed.</source>
        <translation>Anahtar görüntü işareti kaldırıldı.</translation>
    </message>
</context>
<context>
    <name>viewer</name>
    <message>
        <source>Key images</source>
        <translation>Anahtar görüntüler</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Ölçümler</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapor</translation>
    </message>
    <message>
        <source>Save layout as protocol</source>
        <translation>Düzeni protokol olarak kaydet</translation>
    </message>
    <message>
        <source>Protocol name:</source>
        <translation>Protokol adı:</translation>
    </message>
    <message>
        <source>Nothing on screen to save as a protocol.</source>
        <translation>Ekranda protokol olarak kaydedilecek bir şey yok.</translation>
    </message>
    <message>
        <source>The protocol could not be saved: %1</source>
        <translation>Protokol kaydedilemedi: %1</translation>
    </message>
    <message>
        <source>Layout saved as protocol “%1”.</source>
        <translation>Düzen “%1” protokolü olarak kaydedildi.</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Export anonymized…</source>
        <translation>Anonimleştirerek dışa aktar…</translation>
    </message>
    <message>
        <source>Export patient data (KVKK request)…</source>
        <translation>Hasta verilerini dışa aktar (KVKK talebi)…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ayarlar…</translation>
    </message>
    <message>
        <source>Language, theme, cache, security, window presets and keys</source>
        <translation>Dil, tema, önbellek, güvenlik, pencere ön ayarları ve tuşlar</translation>
    </message>
</context>
</TS>
